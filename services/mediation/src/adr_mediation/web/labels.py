"""Chinese labels of mediation's codes, for the staff pages."""

from adr_contracts.vocabulary import FailureReason

STATUSES = {
    "opened": ("已受理", "info"), "in_session": ("调解中", "info"), "agreement": ("协议待签署", "info"),
    "performing": ("协议履行中", "info"), "closed": ("履行完毕结案", "ok"), "failed": ("调解不成", "warn"),
    "withdrawn": ("撤回申请结案", "ok"), "self_corrected": ("自行纠正结案", "ok"), "reopened": ("重新启动", "warn"),
}
STAGES = {"pre_litigation": "诉前调解", "court_delegated": "法院委派调解", "reconsideration": "复议阶段调解",
          "in_trial": "诉中调解"}
FAILURE_REASONS = {
    FailureReason.REFUSED.value: "当事人不同意调解",
    FailureReason.NO_AGREEMENT.value: "分歧较大，未达成一致",
    FailureReason.EXPIRED.value: "期限届满未同意延长",
    FailureReason.PARTY_UNREACHABLE.value: "无法联系当事人",
    FailureReason.CONSENT_WITHDRAWN.value: "当事人撤回同意",
    FailureReason.REFUSED_TO_SIGN.value: "拒绝签署调解协议",
}
NEXT_ROUTES = {"filing": "转立案", "reconsideration": "引导行政复议"}

OBLIGORS = {"agency": "行政机关", "applicant": "申请人", "third_party": "第三人"}
PERSON_KINDS = {
    "peoples_mediator": "人民调解员", "lawyer": "律师", "npc_deputy": "人大代表", "cppcc_member": "政协委员",
    "judge": "法官", "agency_staff": "行政机关工作人员",
}
ROLES = {"lead": "主办", "co": "协办", "handler": "机关承办人"}
RISK_KINDS = {"petition": "信访风险", "stability": "社会稳定风险"}
RISK_LEVELS = {"high": "高风险", "medium": "中风险", "low": "低风险"}
FOLLOW_UPS = {
    "settled": "矛盾化解，无反复", "concerns_remain": "仍有诉求，继续跟进", "promise_broken": "承诺未兑现，重新启动",
}
SOURCES = {"mediation": "调解", "court": "法院", "intake": "中心登记"}
TIMELINE = {
    "adr.mediation.case.opened.v1": "调解案件受理",
    "adr.mediation.case.agreement_reached.v1": "和解协议签署生效",
    "adr.mediation.case.failed.v1": "调解不成，转立案或复议",
    "adr.mediation.agreement.confirmation_requested.v1": "申请司法确认",
    "adr.mediation.case.risk_assessed.v1": "完成风险评估",
    "adr.mediation.obligation.overdue.v1": "协议义务逾期未履行",
    "adr.mediation.obligation.fulfilled.v1": "协议义务已履行",
    "adr.mediation.case.closed.v1": "结案",
    "adr.mediation.case.follow_up_recorded.v1": "完成回访",
    "mediation.period.extended": "经当事人同意延长调解期限",
    "mediation.agreement.drafted": "拟定和解协议",
    "mediation.agreement.signed_in_part": "协议部分签署",
    "mediation.risk.alert": "高风险预警",
    "mediation.risk.measure": "记录风险防范措施",
    "mediation.person.assigned": "指定调解人员",
    "mediation.session.scheduled": "安排调解会谈",
    "mediation.session.held": "举行调解会谈",
    "mediation.session.cancelled": "取消调解会谈",
    "mediation.head_notice.sent": "通知机关负责人到场",
    "mediation.head_notice.acknowledged": "机关签收到场通知",
    "mediation.head_notice.reminded": "催告机关负责人到场",
    "mediation.plan.version_added": "更新调解方案",
    "mediation.difficulty.set": "确定案件难易程度",
    "mediation.self_correction.note": "行政机关自行纠正说明",
    "court.case.filed": "法院立案（转立案衔接完成）",
    "court.resolution_plan.submitted": "机关向法院提交实质性化解方案",
    "court.confirmation.ruled": "法院作出司法确认裁定",
}


def source_of(row: object) -> str:
    """Which institution a timeline line comes from."""
    details = getattr(row, "details", {}) or {}
    source = str(details.get("source", "mediation"))
    for key, label in SOURCES.items():
        if key in source:
            return label
    return SOURCES["mediation"]


def timeline_text(row: object) -> str:
    """A timeline line's text in Chinese."""
    action = str(getattr(row, "action", ""))
    details = getattr(row, "details", {}) or {}
    text = TIMELINE.get(action, str(details.get("summary", action)))
    if "version" in details:
        text += f"（第 {details['version']} 版）"
    if "court_case_no" in details:
        text += f"：{details['court_case_no']}"
    return text
