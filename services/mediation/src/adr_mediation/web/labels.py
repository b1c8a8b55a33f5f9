"""Chinese labels of mediation's codes, for the staff pages."""

from adr_contracts.vocabulary import FailureReason

STATUSES = {"open": ("调解中", "info"), "agreed": ("已达成协议", "ok"), "failed": ("调解不成", "warn")}
STAGES = {"pre_litigation": "诉前调解", "court_delegated": "法院委派调解"}
FAILURE_REASONS = {
    FailureReason.REFUSED.value: "当事人不同意调解",
    FailureReason.NO_AGREEMENT.value: "分歧较大，未达成一致",
    FailureReason.EXPIRED.value: "期限届满未同意延长",
    FailureReason.PARTY_UNREACHABLE.value: "无法联系当事人",
    FailureReason.CONSENT_WITHDRAWN.value: "当事人撤回同意",
    FailureReason.REFUSED_TO_SIGN.value: "拒绝签署调解协议",
}
NEXT_ROUTES = {"filing": "转立案", "reconsideration": "引导行政复议"}
