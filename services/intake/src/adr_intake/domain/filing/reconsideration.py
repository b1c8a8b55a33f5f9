"""Check 6 — administrative reconsideration (行政复议, RULES.md §1.6; ARL arts.23, 29–30, 62; ALL art.44)."""

from datetime import date

from adr_intake.domain.filing.facts import Complaint, Procedure
from adr_intake.domain.filing.outcome import Check, CheckResult, FilingRules, Situation, Verdict
from adr_runtime.legal_time import PeriodEnd, days, working_days

# The revised Administrative Reconsideration Law (2023) applies from 2024-01-01; before it, only
# natural-resource decisions and other laws' cases had to go to reconsideration first.
ARL_2023_IN_FORCE = date(2024, 1, 1)
_ART23 = "行政复议法第二十三条第一款"


def reconsideration_first_reason(c: Complaint, rules: FilingRules, on: date) -> tuple[str, str] | None:
    """Why reconsideration must come before a suit, as (article, case), or None (ARL art.23(1))."""
    act = c.act
    if act.type == "natural_resource_rights":
        return f"{_ART23}第二项", "侵犯已经依法取得的自然资源所有权或者使用权的决定"
    if act.type in rules.other_reconsideration_first:
        return f"{_ART23}第五项", "法律、行政法规规定应当先申请行政复议"
    if on < ARL_2023_IN_FORCE:
        return None
    if act.on_the_spot and act.type == "penalty":
        return f"{_ART23}第一项", "当场作出的行政处罚决定"
    if act.is_failure_to_act:
        return f"{_ART23}第三项", "认为行政机关存在未履行法定职责情形"
    if act.type == "information_disclosure_refusal":
        return f"{_ART23}第四项", "申请政府信息公开，行政机关不予公开"
    return None


def is_reconsideration_first(s: Situation) -> bool:
    """True when the law requires reconsideration before a suit."""
    return reconsideration_first_reason(s.complaint, s.rules, s.filed_on) is not None


def awaits_reconsideration(s: Situation) -> bool:
    """Reconsideration is required and was not (or no longer) applied for: the dispute goes there."""
    return is_reconsideration_first(s) and not s.complaint.reconsidered


def reconsideration_expiry(c: Complaint, rules: FilingRules) -> PeriodEnd | None:
    """The last day of the reconsideration period (ARL art.62), from acceptance or deemed acceptance.

    An application not refused within 5 working days is deemed accepted (ARL art.30). Suspension
    periods (中止) are not recorded here and would lengthen it.
    """
    r = c.reconsideration
    if r.accepted_date is not None:
        base = r.accepted_date
    elif r.applied_date is not None:
        base = working_days(r.applied_date, 5, calendar=rules.calendar).day
    else:
        return None
    if r.procedure is Procedure.SIMPLE:
        return days(base, 30, calendar=rules.calendar)
    return days(base, 60 + max(0, min(r.extended_days, 30)), calendar=rules.calendar)


def check_reconsideration(s: Situation) -> CheckResult:
    """Reconsideration first where the law requires it; no suit while a reconsideration is pending."""
    c = s.complaint
    reason = reconsideration_first_reason(c, s.rules, s.filed_on)
    if reason is not None and not c.reconsidered:
        withdrawn = "（复议申请已撤回）" if c.reconsideration.withdrawn else ""
        article, case = reason
        return CheckResult(
            Check.RECONSIDERATION,
            Verdict.FAIL,
            f"{article}；行诉法解释第五十六条第一款",
            f"属于复议前置情形（{case}）{withdrawn}，未经复议直接起诉存在裁定不予立案的风险；"
            "应引导当事人先申请行政复议。",
        )
    if c.reconsidered:
        return _after_application(s, reason is not None)
    if c.reconsideration.withdrawn:
        return CheckResult(
            Check.RECONSIDERATION,
            Verdict.REVIEW,
            "行诉法解释第五十八条",
            "复议申请已撤回，可在法定起诉期限内对原行政行为起诉；复议期间是否扣除起诉期限尚无明确规定，需人工判断。",
        )
    return CheckResult(Check.RECONSIDERATION, Verdict.PASS, _ART23, "不属于复议前置情形，可以直接起诉。")


def _after_application(s: Situation, required: bool) -> CheckResult:
    c = s.complaint
    r = c.reconsideration
    if r.decision_served_date is not None and r.decision_served_date <= s.filed_on:
        return CheckResult(
            Check.RECONSIDERATION, Verdict.PASS, "行政诉讼法第四十五条", "已经行政复议并收到复议决定，可以起诉。"
        )
    expiry = reconsideration_expiry(c, s.rules)
    if expiry is not None and expiry.day < s.filed_on:
        return CheckResult(
            Check.RECONSIDERATION,
            Verdict.PASS,
            "行政诉讼法第四十五条",
            f"复议机关逾期未作决定（复议期限于{expiry.day.isoformat()}届满），可以起诉。",
        )
    if expiry is None:
        return CheckResult(
            Check.RECONSIDERATION,
            Verdict.REVIEW,
            "行政复议法第六十二条",
            "已申请行政复议，但缺少申请或受理日期，无法判断复议期限是否届满，需人工核实。",
        )
    must = "复议前置案件须待复议决定或者复议期限届满后起诉。" if required else ""
    return CheckResult(
        Check.RECONSIDERATION,
        Verdict.FAIL,
        "行政复议法第二十九条第一款；行诉法解释第五十七条",
        f"行政复议正在进行（复议期限至{expiry.day.isoformat()}），复议期间不得向人民法院起诉，存在不予立案的风险。{must}",
    )
