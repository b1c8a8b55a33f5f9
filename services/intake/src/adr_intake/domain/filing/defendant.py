"""Check 4 — the defendant (被告资格, RULES.md §1.4; ALL art.26; ALL-Interp arts.19–26, 133–134)."""

from adr_intake.domain.filing.facts import AdminLevel, Complaint, DecisionType, Defendant, DefendantKind
from adr_intake.domain.filing.outcome import Check, CheckResult, Finding, Situation, Verdict, conclude

# Upholding the act includes rejecting the request on the merits, not an inadmissibility dismissal.
UPHELD = frozenset({DecisionType.MAINTAIN, DecisionType.REJECT_REQUEST})
COUNTY_OR_ABOVE = frozenset({AdminLevel.CENTRAL, AdminLevel.PROVINCE, AdminLevel.CITY, AdminLevel.COUNTY})

_CHANGE = "请告知原告变更或者追加被告（行诉法解释第二十六条）。"
_NOT_A_DEFENDANT = {
    DefendantKind.ENTRUSTED_ORG: ("行政诉讼法第二十六条第五款", "受委托组织作出的行为，应以委托的行政机关为被告。"),
    DefendantKind.INTERNAL_BODY: (
        "行诉法解释第二十条",
        "内设机构一般不能独立作被告，应以设立它的行政机关为被告（法律、法规、规章授权的除外）。",
    ),
}


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip() == b.strip()


def is_county_or_above_government(defendant: Defendant) -> bool:
    """A county-level-or-above people's government (the district government is one)."""
    return defendant.kind is DefendantKind.GOVERNMENT and defendant.level in COUNTY_OR_ABOVE


def original_agencies(complaint: Complaint) -> tuple[Defendant, ...]:
    """The named defendants other than the reconsideration organ."""
    organ = complaint.reconsideration.organ
    return tuple(d for d in complaint.defendants if not (complaint.reconsidered and _same(d.name, organ)))


def check_defendant(s: Situation) -> CheckResult:
    """The right agency, with the reconsideration organ where the law adds or substitutes it."""
    c = s.complaint
    if not c.defendants:
        return CheckResult(
            Check.DEFENDANT, Verdict.CORRECTABLE, "行政诉讼法第四十九条第二项", "未列明被告，请一次性告知补正。"
        )
    findings = [f for d in c.defendants for f in _own_standing(d)]
    findings.extend(_reconsideration_findings(c))
    findings.extend(
        Finding(
            Verdict.REVIEW,
            "最高人民法院关于正确确定县级以上地方人民政府行政诉讼被告资格若干问题的规定第一条至第六条",
            f"被告“{d.name}”为县级以上人民政府，请核实是否确由政府作出该行为，避免仅为提高审级而列政府为被告。",
        )
        for d in original_agencies(c)
        if is_county_or_above_government(d)
    )
    passed = Finding(Verdict.PASS, "行政诉讼法第二十六条", "被告为作出被诉行政行为的行政机关，与文书署名一致。")
    return conclude(Check.DEFENDANT, findings, passed=passed)


def _own_standing(defendant: Defendant) -> list[Finding]:
    findings: list[Finding] = []
    if defendant.kind in _NOT_A_DEFENDANT:
        basis, text = _NOT_A_DEFENDANT[defendant.kind]
        findings.append(Finding(Verdict.CORRECTABLE, basis, f"“{defendant.name}”：{text}{_CHANGE}"))
    seal = defendant.seal_name_on_document
    if seal is not None and not _same(seal, defendant.name):
        findings.append(
            Finding(
                Verdict.CORRECTABLE,
                "行诉法解释第十九条",
                f"被告“{defendant.name}”与文书署名机关“{seal}”不一致，应以对外发生法律效力的文书上署名的机关为被告。{_CHANGE}",
            )
        )
    return findings


def _reconsideration_findings(c: Complaint) -> list[Finding]:
    r = c.reconsideration
    if not c.reconsidered or r.decision_type is None or not r.organ:
        return []
    organ_named = any(_same(d.name, r.organ) for d in c.defendants)
    originals = original_agencies(c)
    if r.decision_type in UPHELD and not (organ_named and originals):
        return [
            Finding(
                Verdict.CORRECTABLE,
                "行政诉讼法第二十六条第二款；行诉法解释第一百三十三条、第一百三十四条",
                "复议机关决定维持（含驳回复议请求）的，作出原行政行为的机关和复议机关是共同被告；"
                "原告只起诉其一的，应告知追加，不同意追加的由法院列为共同被告。",
            )
        ]
    if r.decision_type is DecisionType.CHANGE and (not organ_named or originals):
        return [
            Finding(
                Verdict.CORRECTABLE,
                "行政诉讼法第二十六条第二款；行诉法解释第二十二条",
                f"复议机关改变原行政行为的，复议机关是被告。{_CHANGE}",
            )
        ]
    return []
