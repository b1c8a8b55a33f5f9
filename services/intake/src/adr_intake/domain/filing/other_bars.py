"""Check 8 — duplicate suits and other bars (重复起诉及其他, RULES.md §1.8; ALL-Interp arts.60–62, 69, 93, 106)."""

from adr_intake.domain.filing.facts import PriorCase, PriorOutcome
from adr_intake.domain.filing.outcome import Check, CheckResult, Finding, Situation, Verdict, conclude

# An earlier case with the same parties and subject, by how it ended: (verdict, basis, text).
# "{case}" stands for the earlier case's number.
_BY_OUTCOME: dict[PriorOutcome, tuple[Verdict, str, str]] = {
    PriorOutcome.ACT_REVOKED: (
        Verdict.PASS,
        "行诉法解释第六十二条",
        "{case}撤销原行为后，机关重新作出的行为可以起诉。",
    ),
    PriorOutcome.DEEMED_WITHDRAWN_FEE: (
        Verdict.REVIEW,
        "行诉法解释第六十一条",
        "{case}因未交诉讼费按撤诉处理，在法定期限内解决诉讼费问题后再次起诉的可以受理，需人工核实。",
    ),
    PriorOutcome.DISMISSED: (
        Verdict.REVIEW,
        "行诉法解释第一百零六条",
        "{case}已裁定不予立案或者驳回起诉；原欠缺的起诉条件已经补正的可以再次起诉，否则构成重复起诉，需人工判断。",
    ),
    PriorOutcome.WITHDRAWN: (
        Verdict.FAIL,
        "行诉法解释第六十条第一款；第六十九条第一款第七项",
        "{case}已准予撤诉，以同一事实和理由重新起诉的，存在不予立案的风险（有新的事实和理由的除外）。",
    ),
    PriorOutcome.MEDIATION_STATEMENT: (
        Verdict.FAIL,
        "行诉法解释第六十九条第一款第九项",
        "诉讼标的已为{case}的生效调解书所羁束，存在不予立案的风险。",
    ),
}
_DUPLICATE = (
    Verdict.FAIL,
    "行诉法解释第一百零六条；第六十九条第一款第六项",
    "与{case}当事人、诉讼标的相同，诉讼请求相同或者被前诉包含，构成重复起诉，存在不予立案的风险。",
)
_OTHER_CLAIMS = (
    Verdict.REVIEW,
    "行诉法解释第一百零六条",
    "与{case}当事人、诉讼标的相同，但诉讼请求不同，是否构成重复起诉需人工判断。",
)


def check_other_bars(s: Situation) -> CheckResult:
    """Earlier cases on the same matter, and the prior application a failure-to-act suit needs."""
    c = s.complaint
    findings = [f for prior in c.prior_cases if (f := _prior_case(prior)) is not None]
    if c.act.is_failure_to_act and c.act.application_date is None:
        findings.append(
            Finding(
                Verdict.REVIEW,
                "行诉法解释第九十三条",
                "起诉行政机关不履行法定职责，未见曾向行政机关提出申请的记录；依职权主动履行的除外，需人工核实。",
            )
        )
    passed = Finding(Verdict.PASS, "行诉法解释第六十九条第一款", "未发现重复起诉或者其他不予立案的情形。")
    return conclude(Check.OTHER_BARS, findings, passed=passed)


def _prior_case(prior: PriorCase) -> Finding | None:
    if not (prior.same_parties and prior.same_subject):
        return None
    outcome = prior.outcome
    if prior.withdrawn and outcome is not PriorOutcome.DEEMED_WITHDRAWN_FEE:
        outcome = PriorOutcome.WITHDRAWN
    rule = _BY_OUTCOME.get(outcome) or (_DUPLICATE if prior.same_or_included_claims else _OTHER_CLAIMS)
    verdict, basis, text = rule
    return Finding(verdict, basis, text.format(case=f"前案{prior.case_no}"))
