"""Check 7 — jurisdiction (管辖, RULES.md §1.7; ALL arts.14–20; ALL-Interp arts.5, 134)."""

from adr_intake.domain.filing.defendant import UPHELD, original_agencies
from adr_intake.domain.filing.facts import AdminLevel, Complaint, Defendant, DefendantKind
from adr_intake.domain.filing.outcome import (
    Check,
    CheckResult,
    CourtLevel,
    FilingRules,
    Finding,
    Situation,
    Verdict,
    conclude,
)

_LEVEL_TEXT = {
    CourtLevel.BASIC: "基层人民法院",
    CourtLevel.INTERMEDIATE: "中级人民法院",
    CourtLevel.HIGH: "高级人民法院",
}


def level_basis(c: Complaint) -> tuple[Defendant, ...]:
    """The defendants whose rank decides the level.

    After an upheld act the original agency decides, not the reconsideration organ (ALL-Interp
    art.134(3)): a department's act upheld by the district government stays at the basic court.
    """
    r = c.reconsideration
    if c.reconsidered and r.decision_type in UPHELD:
        return original_agencies(c) or c.defendants
    return c.defendants


def _to_intermediate(defendant: Defendant, rules: FilingRules) -> str | None:
    if defendant.kind is DefendantKind.GOVERNMENT and defendant.level.value in rules.intermediate_government_levels:
        return "行政诉讼法第十五条第一项"  # 县级以上地方人民政府
    if defendant.kind is DefendantKind.DEPARTMENT and defendant.level is AdminLevel.CENTRAL:
        return "行政诉讼法第十五条第一项"  # 国务院部门
    if defendant.kind is DefendantKind.CUSTOMS:
        return "行政诉讼法第十五条第二项"  # 海关处理的案件
    return None


def court_level_and_basis(c: Complaint, rules: FilingRules) -> tuple[CourtLevel, str]:
    """The first-instance level by statute, and the article; major cases are left to the court."""
    reasons = [r for d in level_basis(c) if (r := _to_intermediate(d, rules)) is not None]
    if reasons:
        return CourtLevel.INTERMEDIATE, reasons[0]
    return CourtLevel.BASIC, "行政诉讼法第十四条"


def court_level(c: Complaint, rules: FilingRules) -> CourtLevel:
    """The first-instance court level (ALL arts.14–15)."""
    return court_level_and_basis(c, rules)[0]


def check_jurisdiction(s: Situation) -> CheckResult:
    """The level follows the defendant's rank; major cases and government defendants need a person."""
    c = s.complaint
    level, basis = court_level_and_basis(c, s.rules)
    findings: list[Finding] = []
    if c.reconsidered and c.reconsideration.decision_type in UPHELD and not original_agencies(c):
        findings.append(
            Finding(
                Verdict.REVIEW,
                "行诉法解释第一百三十四条第三款",
                "复议维持的案件以作出原行政行为的机关确定级别管辖，但未列明该机关，需补正后确定。",
            )
        )
    if len(c.plaintiffs) >= s.rules.group_size:
        findings.append(
            Finding(
                Verdict.REVIEW,
                "行政诉讼法第十五条第三项；行诉法解释第五条",
                "原告人数众多，如属社会影响重大的共同诉讼，可能由中级人民法院管辖，由法院决定。",
            )
        )
    place = _territory(c)
    text = (
        f"由{_LEVEL_TEXT[level]}管辖第一审。{place}跨区域集中管辖（行政诉讼法第十八条第二款）以高级人民法院公布为准。"
    )
    passed = Finding(Verdict.PASS, basis, text)
    if findings:
        findings.insert(0, Finding(Verdict.PASS, basis, text))
    return conclude(Check.JURISDICTION, findings, passed=passed)


def _territory(c: Complaint) -> str:
    if c.act.concerns_real_property:
        return "因不动产提起的诉讼，由不动产所在地人民法院专属管辖（行政诉讼法第二十条）。"
    if c.reconsidered:
        return "经复议的案件，也可由复议机关所在地人民法院管辖（行政诉讼法第十八条第一款）。"
    return "地域上由最初作出行政行为的行政机关所在地人民法院管辖（行政诉讼法第十八条第一款）。"
