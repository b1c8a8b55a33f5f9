"""The complaint as the eight filing checks read it (RULES.md §1.0).

Plain frozen dataclasses of codes, flags and dates. Identities (names of natural persons, ID
numbers, contacts) are not facts any check needs, so they are not part of this record; the
registered dispute holds them. Agencies are named because the defendant check compares names.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class PlaintiffKind(StrEnum):
    """Who sues."""

    NATURAL = "natural"  # 自然人
    LEGAL_PERSON = "legal_person"  # 法人
    OTHER_ORG = "other_org"  # 其他组织


class DefendantKind(StrEnum):
    """What kind of body the defendant is (RULES.md §1.4)."""

    GOVERNMENT = "government"  # 人民政府
    DEPARTMENT = "department"  # 政府工作部门
    DISPATCHED_OFFICE = "dispatched_office"  # 派出机关（街道办事处等）
    DISPATCHED_BRANCH = "dispatched_branch"  # 派出机构
    AUTHORISED_ORG = "authorised_org"  # 法律、法规、规章授权的组织
    ENTRUSTED_ORG = "entrusted_org"  # 受委托的组织
    INTERNAL_BODY = "internal_body"  # 内设机构
    VILLAGE_COMMITTEE = "village_committee"  # 村（居）民委员会
    CUSTOMS = "customs"  # 海关
    OTHER = "other"  # 其他


class AdminLevel(StrEnum):
    """The defendant's level."""

    CENTRAL = "central"  # 中央（国务院及其部门）
    PROVINCE = "province"  # 省级
    CITY = "city"  # 设区的市级
    COUNTY = "county"  # 县级（含区）
    TOWNSHIP = "township"  # 乡镇、街道
    OTHER = "other"  # 其他


class Procedure(StrEnum):
    """Reconsideration procedure (ARL arts.53–62)."""

    ORDINARY = "ordinary"  # 普通程序
    SIMPLE = "simple"  # 简易程序


class DecisionType(StrEnum):
    """What the reconsideration organ decided (decides the defendant, RULES.md §1.4)."""

    MAINTAIN = "maintain"  # 维持
    CHANGE = "change"  # 改变（含确认无效、实体上确认违法）
    REJECT_REQUEST = "reject_request"  # 驳回复议请求
    REJECT_PROCEDURAL = "reject_procedural"  # 不予受理或驳回申请（程序性）
    NO_DECISION = "no_decision"  # 逾期未作决定


class PriorOutcome(StrEnum):
    """How an earlier case on the matter ended (RULES.md §1.8)."""

    PENDING = "pending"  # 尚在审理
    JUDGMENT = "judgment"  # 已生效裁判
    MEDIATION_STATEMENT = "mediation_statement"  # 已生效调解书
    DISMISSED = "dismissed"  # 裁定驳回起诉或不予立案
    WITHDRAWN = "withdrawn"  # 准予撤诉
    DEEMED_WITHDRAWN_FEE = "deemed_withdrawn_fee"  # 未交诉讼费按撤诉处理
    ACT_REVOKED = "act_revoked"  # 原行为被撤销，机关重新作出行为


@dataclass(frozen=True)
class Plaintiff:
    """One plaintiff, by standing only."""

    kind: PlaintiffKind
    is_addressee: bool  # 行政行为的相对人
    relation_to_act: str | None = None  # a code of plaintiff.RELATIONS when not the addressee
    deceased_or_terminated: bool = False  # 已死亡（自然人）或已终止（法人、其他组织）


@dataclass(frozen=True)
class Defendant:
    """One named defendant."""

    name: str
    kind: DefendantKind
    level: AdminLevel
    seal_name_on_document: str | None = None  # 对外发生法律效力的文书上署名的机关


@dataclass(frozen=True)
class Act:
    """The contested administrative act (or the failure to act)."""

    type: str  # a code of scope.ACT_TYPES
    made_date: date | None = None  # 作出日
    served_date: date | None = None  # 送达日
    known_date: date | None = None  # 知道或者应当知道作出行政行为之日
    content_known_date: date | None = None  # 知道行政行为内容之日
    deadline_known_date: date | None = None  # 知道起诉期限之日（未告知时）
    informed_of_litigation_right_and_deadline: bool = True
    informed_of_reconsideration_right: bool = True
    on_the_spot: bool = False  # 当场作出
    concerns_real_property: bool = False  # 涉及不动产
    amount_yuan: int | None = None
    involves_discretion: bool = False  # 行使法律、法规规定的自由裁量权
    is_failure_to_act: bool = False  # 不履行法定职责
    application_date: date | None = None  # 申请履行职责之日
    statutory_duty_period_days: int | None = None  # 法律法规规定的履责期限（日）
    emergency: bool = False  # 紧急情况（行政诉讼法第四十七条第二款）


@dataclass(frozen=True)
class Reconsideration:
    """An administrative reconsideration (行政复议) on the act, if any."""

    applied: bool = False
    organ: str | None = None  # 复议机关
    applied_date: date | None = None
    accepted_date: date | None = None
    procedure: Procedure = Procedure.ORDINARY
    extended_days: int = 0  # 0..30 (ARL art.62(1))
    decision_type: DecisionType | None = None
    decision_served_date: date | None = None
    decision_informed_deadline: bool = True  # 复议决定书告知了起诉期限
    deadline_known_date: date | None = None  # 知道起诉期限之日（未告知时）
    withdrawn: bool = False


@dataclass(frozen=True)
class Claim:
    """One claim (诉讼请求, ALL-Interp art.68)."""

    type: str  # a code of claim.CLAIM_TYPES
    amount_yuan: int | None = None
    normative_doc_name: str | None = None
    normative_doc_is_rule: bool = False  # 所附审查的文件是规章
    civil_claim: str | None = None


@dataclass(frozen=True)
class PriorCase:
    """An earlier case on the matter, compared with this complaint (ALL-Interp arts.60–62, 106)."""

    case_no: str
    same_parties: bool
    same_subject: bool  # 诉讼标的相同
    same_or_included_claims: bool  # 诉讼请求相同或者被前诉包含
    outcome: PriorOutcome
    withdrawn: bool = False


@dataclass(frozen=True)
class Complaint:
    """Everything the eight checks read."""

    act: Act
    plaintiffs: tuple[Plaintiff, ...] = ()
    defendants: tuple[Defendant, ...] = ()
    reconsideration: Reconsideration = field(default_factory=Reconsideration)
    claims: tuple[Claim, ...] = ()
    filed_date: date | None = None  # 起诉日（法院收到起诉状之日；先到中心的以收件日为准）
    postmark_date: date | None = None  # 交邮日
    prior_cases: tuple[PriorCase, ...] = ()
    delay_reason_recorded: bool = False  # 记录了不可抗力等不属于自身原因耽误期限的情形（行政诉讼法第四十八条）

    @property
    def reconsidered(self) -> bool:
        """A reconsideration was applied for and not withdrawn."""
        return self.reconsideration.applied and not self.reconsideration.withdrawn
