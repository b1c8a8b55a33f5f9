"""Code lists shared by several contracts (values are stable English codes; pages show Chinese)."""

from enum import StrEnum


class Channel(StrEnum):
    """How a dispute reached the platform (every one is registered first, 先登后调)."""

    CENTRE_WALK_IN = "centre_walk_in"  # 中心窗口现场申请
    ONLINE = "online"  # 网上申请
    COURT_FILING_WINDOW = "court_filing_window"  # 法院立案窗口
    COURT_DELEGATION = "court_delegation"  # 法院诉前委派
    RECONSIDERATION = "reconsideration"  # 行政复议申请
    AGENCY_LEAD = "agency_lead"  # 行政机关报送潜在行政争议线索
    PETITION_REFERRAL = "petition_referral"  # 信访部门转送
    PROCURATORATE_REFERRAL = "procuratorate_referral"  # 检察院移送


class Route(StrEnum):
    """Where the filing review sends a dispute."""

    MEDIATION = "mediation"  # 诉前调解
    FILING = "filing"  # 立案
    RECONSIDERATION = "reconsideration"  # 引导行政复议
    NOT_ACCEPTED = "not_accepted"  # 不予受理（附理由与法律依据）


class Verdict(StrEnum):
    """Outcome of one of the eight filing checks (RULES.md §1.9)."""

    PASS = "pass"
    FAIL = "fail"
    CORRECTABLE = "correctable"
    REVIEW = "review"


class FilingCheck(StrEnum):
    """The eight filing checks (八看, RULES.md §1.1–§1.8)."""

    CLAIM = "claim"
    SCOPE = "scope"
    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"
    LIMITATION = "limitation"
    RECONSIDERATION = "reconsideration"
    JURISDICTION = "jurisdiction"
    OTHER_BARS = "other_bars"


class CourtLevel(StrEnum):
    """First-instance court level (RULES.md §1.7)."""

    BASIC = "basic"
    INTERMEDIATE = "intermediate"
    HIGH = "high"


class MediationStage(StrEnum):
    """When in the life of a dispute the mediation takes place."""

    PRE_LITIGATION = "pre_litigation"  # 诉前
    RECONSIDERATION = "reconsideration"  # 复议阶段
    COURT_DELEGATED = "court_delegated"  # 法院委派
    IN_TRIAL = "in_trial"  # 诉中（法官主导）


class FailureReason(StrEnum):
    """Why a mediation ended without agreement (Online-Med art.25)."""

    REFUSED = "refused"  # 当事人不同意调解
    NO_AGREEMENT = "no_agreement"  # 分歧较大，未达成一致
    EXPIRED = "expired"  # 期限届满未同意延长
    PARTY_UNREACHABLE = "party_unreachable"  # 无法联系当事人
    CONSENT_WITHDRAWN = "consent_withdrawn"  # 当事人撤回同意
    REFUSED_TO_SIGN = "refused_to_sign"  # 拒绝签署


class RiskKind(StrEnum):
    """Which risk an assessment measures (RULES.md §7)."""

    PETITION = "petition"  # 信访风险
    STABILITY = "stability"  # 社会稳定风险


class RiskLevel(StrEnum):
    """The assessed level; ``high`` raises an alert at once (W5, A3)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ClosingOutcome(StrEnum):
    """How a mediation case ended other than by failure."""

    AGREEMENT_PERFORMED = "agreement_performed"  # 协议履行完毕
    WITHDRAWN = "withdrawn"  # 申请人撤回申请/撤诉
    SELF_CORRECTED = "self_corrected"  # 行政机关自行纠正 (M6)


class ObligorKind(StrEnum):
    """Who owes an obligation of an agreement."""

    AGENCY = "agency"
    APPLICANT = "applicant"
    THIRD_PARTY = "third_party"


class FollowUpOutcome(StrEnum):
    """What a follow-up visit found (回访, M10)."""

    SETTLED = "settled"  # 矛盾化解，无反复
    CONCERNS_REMAIN = "concerns_remain"  # 仍有诉求，继续跟进
    PROMISE_BROKEN = "promise_broken"  # 承诺未兑现，重新启动


class ConfirmationOutcome(StrEnum):
    """The court's ruling on an application for judicial confirmation (司法确认, W3)."""

    CONFIRMED = "confirmed"  # 裁定确认有效
    REJECTED = "rejected"  # 裁定驳回申请


class DecisionKind(StrEnum):
    """A court decision that ends an instance (RULES.md §3, appeal windows)."""

    JUDGMENT = "judgment"  # 判决（上诉期15日）
    RULING = "ruling"  # 裁定（上诉期10日）


class CaseOutcome(StrEnum):
    """How the court disposed of an administrative case."""

    UPHELD = "upheld"  # 驳回诉讼请求
    REVOKED = "revoked"  # 撤销
    CONFIRMED_ILLEGAL = "confirmed_illegal"  # 确认违法
    ORDERED_TO_ACT = "ordered_to_act"  # 责令履行
    VARIED = "varied"  # 变更
    DISMISSED = "dismissed"  # 驳回起诉（裁定）
    WITHDRAWN = "withdrawn"  # 准予撤诉（裁定）
    MEDIATED = "mediated"  # 调解结案


class SuggestionKind(StrEnum):
    """Individual suggestions answer one case; comprehensive ones a class of similar cases (K3)."""

    INDIVIDUAL = "individual"
    COMPREHENSIVE = "comprehensive"


class WarningKind(StrEnum):
    """What an early warning is about (M11)."""

    DEADLINE_OVERDUE = "deadline_overdue"
    HIGH_RISK = "high_risk"
    REPEATED_AGENCY = "repeated_agency"  # 同一机关反复被诉/被申请
    REPEATED_ACT_TYPE = "repeated_act_type"  # 同类行为集中发生
