"""Check 1 — the claim (诉讼请求, RULES.md §1.1; ALL art.49(3); ALL-Interp arts.68, 162)."""

from datetime import date

from adr_intake.domain.filing.facts import Claim, Complaint
from adr_intake.domain.filing.outcome import Check, CheckResult, Finding, Situation, Verdict, conclude

CLAIM_TYPES: dict[str, str] = {
    "revoke_or_alter": "撤销或者变更行政行为",
    "order_perform_duty_or_payment": "判决履行法定职责或者给付义务",
    "confirm_illegal": "确认行政行为违法",
    "confirm_void": "确认行政行为无效",
    "compensation_or_indemnity": "判决行政机关予以赔偿或者补偿",
    "admin_agreement_dispute": "解决行政协议争议",
    "incidental_review_normative_doc": "一并审查规章以下规范性文件",
    "joint_civil_dispute": "一并解决相关民事争议",
    "other": "其他诉讼请求",
}

# Acts made before the 2014 amendment took effect cannot be confirmed void (ALL-Interp art.162).
CONFIRM_VOID_FROM = date(2015, 5, 1)

_SPECIFIC = "行政诉讼法第四十九条第三项；行诉法解释第六十八条"
_ITEMS = "行诉法解释第六十八条第三款"
_CORRECT = "请指导释明，一次性告知补正。"


def check_claim(s: Situation) -> CheckResult:
    """Claims must be specific and of an accepted type; some are barred outright."""
    complaint = s.complaint
    findings: list[Finding] = []
    if not complaint.claims:
        findings.append(Finding(Verdict.CORRECTABLE, "行政诉讼法第四十九条第三项", f"未列明具体的诉讼请求，{_CORRECT}"))
    for number, claim in enumerate(complaint.claims, start=1):
        findings.extend(_claim_findings(number, claim, complaint))
    passed = Finding(Verdict.PASS, _SPECIFIC, "诉讼请求具体明确，属于可以提出的请求类型。")
    return conclude(Check.CLAIM, findings, passed=passed)


def _claim_findings(number: int, claim: Claim, complaint: Complaint) -> list[Finding]:
    which = f"第{number}项诉讼请求"
    if claim.type not in CLAIM_TYPES:
        return [Finding(Verdict.CORRECTABLE, _SPECIFIC, f"{which}的类型无法识别，{_CORRECT}")]
    return [*_missing_details(which, claim), *_barred(which, claim, complaint)]


def _missing_details(which: str, claim: Claim) -> list[Finding]:
    found: list[Finding] = []
    if claim.type == "compensation_or_indemnity" and claim.amount_yuan is None:
        found.append(Finding(Verdict.CORRECTABLE, _ITEMS, f"{which}为赔偿或者补偿，应写明项目和数额，{_CORRECT}"))
    if claim.type == "incidental_review_normative_doc" and not claim.normative_doc_name:
        found.append(Finding(Verdict.CORRECTABLE, _ITEMS, f"{which}请求一并审查规范性文件，应写明文件名称，{_CORRECT}"))
    if claim.type == "joint_civil_dispute" and not claim.civil_claim:
        found.append(
            Finding(Verdict.CORRECTABLE, _ITEMS, f"{which}请求一并解决民事争议，应有具体的民事诉讼请求，{_CORRECT}")
        )
    return found


def _barred(which: str, claim: Claim, complaint: Complaint) -> list[Finding]:
    found: list[Finding] = []
    made = complaint.act.made_date
    if claim.type == "confirm_void" and made is not None and made < CONFIRM_VOID_FROM:
        found.append(
            Finding(
                Verdict.FAIL,
                "行诉法解释第一百六十二条",
                f"{which}请求确认无效，但行政行为作出于2015年5月1日之前，存在不予立案的风险"
                "（可释明改为请求撤销或者确认违法）。",
            )
        )
    if claim.type == "incidental_review_normative_doc" and claim.normative_doc_is_rule:
        found.append(
            Finding(
                Verdict.FAIL,
                "行政诉讼法第五十三条第二款",
                f"{which}请求一并审查的是规章，不属于可以一并审查的规范性文件，该项请求存在不予受理的风险。",
            )
        )
    return found
