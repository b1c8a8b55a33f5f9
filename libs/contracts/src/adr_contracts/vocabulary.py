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
