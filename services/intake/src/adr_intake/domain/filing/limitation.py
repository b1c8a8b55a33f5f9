"""Check 5 — the limitation period for filing (起诉期限, RULES.md §1.5). The court checks it of its own motion."""

from datetime import date

from adr_intake.domain.filing.deadlines import earliest_filing_date, filing_deadline, outer_limit
from adr_intake.domain.filing.facts import Complaint
from adr_intake.domain.filing.outcome import Check, CheckResult, Finding, Situation, Verdict, conclude
from adr_runtime.legal_time import PeriodEnd

# Before this date the old interpretation gave a two-year cap when the deadline was not told;
# which cap applies to older acts is disputed (RULES.md §1.5, "Old rules").
CURRENT_INTERPRETATION_FROM = date(2018, 2, 8)
_LATE = "行诉法解释第六十九条第一款第二项"


def deadline_basis(c: Complaint) -> str:
    """The articles the deadline rests on."""
    if c.reconsidered:
        return "行政诉讼法第四十五条" + (
            "" if c.reconsideration.decision_informed_deadline else "；行诉法解释第六十四条"
        )
    if c.act.is_failure_to_act:
        return "行政诉讼法第四十七条；行诉法解释第六十六条"
    told = c.act.informed_of_litigation_right_and_deadline
    return "行政诉讼法第四十六条第一款" + ("" if told else "；行诉法解释第六十四条")


def provisional_note(end: PeriodEnd) -> str:
    """What staff must know about a date counted on weekends alone."""
    if not end.provisional:
        return ""
    years = "、".join(str(y) for y in end.missing_years)
    return f"（{years}年国务院办公厅节假日安排尚未载入，该日期仅按周末推算，为暂定日期，载入后须复核）"


def check_limitation(s: Situation) -> CheckResult:
    """On time, late (a risk of refusal), beyond the outer limit, or too early for a failure to act."""
    c = s.complaint
    deadline = filing_deadline(c, s.rules)
    if deadline is None:
        return CheckResult(
            Check.LIMITATION,
            Verdict.REVIEW,
            deadline_basis(c),
            "缺少计算起诉期限所需的日期（知道行政行为之日、送达日、复议决定送达日或申请履责之日），需人工核实。",
        )
    findings = [*_lateness(s, deadline), *_too_early(s), *_flags(c)]
    passed = Finding(
        Verdict.PASS,
        deadline_basis(c),
        f"起诉期限至{deadline.day.isoformat()}{provisional_note(deadline)}，按{s.filed_on.isoformat()}起诉未超过期限。",
    )
    return conclude(Check.LIMITATION, findings, passed=passed)


def _lateness(s: Situation, deadline: PeriodEnd) -> list[Finding]:
    c, filed = s.complaint, s.filed_on
    outer = outer_limit(c.act)
    if outer is not None and filed > outer.day:
        return [
            Finding(
                Verdict.FAIL,
                f"行政诉讼法第四十六条第二款；{_LATE}",
                f"已超过最长起诉期限（{outer.day.isoformat()}，自行政行为作出之日起计算，不适用扣除或者延长），存在不予立案的风险。",
            )
        ]
    if filed <= deadline.day:
        return []
    when = f"起诉期限至{deadline.day.isoformat()}{provisional_note(deadline)}，按{filed.isoformat()}起诉已超过期限"
    if c.delay_reason_recorded:
        return [
            Finding(
                Verdict.REVIEW,
                "行政诉讼法第四十八条",
                f"{when}，但记录了不属于自身原因耽误期限的事由，是否扣除或者延长由人民法院决定。",
            )
        ]
    return [
        Finding(
            Verdict.FAIL,
            f"{deadline_basis(c)}；{_LATE}",
            f"{when}，存在不予立案的风险；如因不可抗力等不属于自身的原因耽误，可依行政诉讼法第四十八条申请扣除或者延长。",
        )
    ]


def _too_early(s: Situation) -> list[Finding]:
    first = earliest_filing_date(s.complaint, s.rules)
    if first is None or s.filed_on >= first:
        return []
    return [
        Finding(
            Verdict.FAIL,
            "行政诉讼法第四十七条第一款",
            f"行政机关履行职责的期限尚未届满，{first.isoformat()}起方可起诉（紧急情况除外）。",
        )
    ]


def _flags(c: Complaint) -> list[Finding]:
    findings: list[Finding] = []
    made = c.act.made_date
    if made and made < CURRENT_INTERPRETATION_FROM and not c.act.informed_of_litigation_right_and_deadline:
        findings.append(
            Finding(
                Verdict.REVIEW,
                "行诉法解释第六十四条；行诉法解释第一百六十三条",
                "行政行为作出于2018年2月8日之前且未告知起诉期限，适用一年还是原司法解释的二年最长期限存在争议，需人工判断。",
            )
        )
    if any(claim.type == "admin_agreement_dispute" for claim in c.claims):
        findings.append(
            Finding(
                Verdict.REVIEW,
                "最高人民法院关于审理行政协议案件若干问题的规定第二十五条",
                "行政协议案件：请求行政机关履行协议的适用民事诉讼时效，对变更、解除协议等行为起诉的适用起诉期限，需人工区分。",
            )
        )
    return findings
