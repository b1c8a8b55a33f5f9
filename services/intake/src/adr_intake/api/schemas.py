"""Request and response bodies of intake's API (not contracts: these may change with the pages)."""

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from adr_contracts.vocabulary import Channel, Route
from adr_intake.api.decision_schemas import ClassificationView, LeadAgencyView, WithdrawalView
from adr_intake.domain.filing import DecisionType
from adr_intake.domain.filing.claim import CLAIM_TYPES
from adr_intake.domain.registration import ReconsiderationRecord

AGENCY_CODE = r"^[A-Z0-9][A-Z0-9-]{1,39}$"
CODE = r"^[a-z][a-z0-9_]{1,59}$"
AgencyCode = Annotated[str, StringConstraints(pattern=AGENCY_CODE)]


def _claim_type(code: str) -> str:
    if code not in CLAIM_TYPES:
        raise ValueError(f"未知的诉讼请求类型：{code}")
    return code


ClaimType = Annotated[str, AfterValidator(_claim_type)]
"""A claim-type code of the filing checks (same codes as ``ClaimIn.type``)."""


class ApplicantIn(BaseModel):
    """One applicant (personal data: stored by intake, masked in lists, never logged)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["natural", "legal_person", "other_org"] = Field(description="自然人、法人或其他组织")
    name: str = Field(min_length=1, max_length=100, description="姓名或名称", examples=["张三"])
    id_no: str | None = Field(default=None, pattern=r"^[0-9A-Z]{15,18}$", description="身份证号或统一社会信用代码")
    phone: str | None = Field(default=None, pattern=r"^[0-9+\- ]{5,20}$", description="联系电话")


class RegistrationReconsideration(BaseModel):
    """已申请的行政复议（登记时按当事人所述记录）。"""

    model_config = ConfigDict(extra="forbid")

    applied: bool = Field(default=False, description="是否申请了行政复议")
    organ: str | None = Field(default=None, max_length=100, description="复议机关", examples=["伍家岗区人民政府"])
    decision_type: DecisionType | None = Field(
        default=None,
        description="maintain 维持；change 改变；reject_request 驳回复议请求；reject_procedural 不予受理或驳回申请；"
        "no_decision 逾期未作决定",
    )
    decision_served_on: date | None = Field(default=None, description="复议决定送达日")

    def to_record(self) -> ReconsiderationRecord:
        """The domain record."""
        return ReconsiderationRecord(**self.model_dump())

    @classmethod
    def of(cls, record: ReconsiderationRecord | None) -> "RegistrationReconsideration | None":
        """The view of a stored record."""
        return None if record is None else cls(**vars(record))


class RegistrationRequest(BaseModel):
    """What the centre records when a dispute arrives, whatever the channel."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "channel": "centre_walk_in",
                    "received_on": "2026-11-20",
                    "applicants": [{"kind": "natural", "name": "张三", "phone": "13800000000"}],
                    "agency_codes": ["WJG-SCJ"],
                    "act_type": "penalty",
                    "claims_summary": "请求撤销罚款决定",
                    "mediation_consent": True,
                }
            ]
        },
    )

    channel: Channel = Field(description="来源渠道")
    received_on: date = Field(description="收件日：争议最初到达任何机关之日")
    applicants: list[ApplicantIn] = Field(min_length=1, max_length=1000)
    agency_codes: list[AgencyCode] = Field(min_length=1, max_length=20, description="被申请（被诉）机关的目录代码")
    act_type: str = Field(pattern=CODE, description="被诉行政行为类型代码，如 penalty、licensing")
    claims_summary: str = Field(min_length=1, max_length=4000, description="请求事项摘要")
    mediation_consent: bool = Field(default=False, description="当事人同意调解（自愿）")
    act_doc_no: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="被诉行为文书号（用于识别重复争议），如 伍市监罚〔2026〕12号",
    )
    amount_yuan: int | None = Field(default=None, ge=0, description="涉案金额（元），用于重大复杂争议分类")
    act_made_on: date | None = Field(default=None, description="被诉行为作出日（不晚于收件日）")
    act_served_on: date | None = Field(default=None, description="被诉行为送达日（不晚于收件日）")
    act_known_on: date | None = Field(default=None, description="知道或者应当知道作出行政行为之日（不晚于收件日）")
    postmark_on: date | None = Field(default=None, description="邮寄递交时的邮戳日（不晚于收件日）")
    claim_types: list[ClaimType] = Field(
        default_factory=list, max_length=len(CLAIM_TYPES), description="诉讼请求类型代码，与“八看”审查相同"
    )
    reconsideration: RegistrationReconsideration | None = Field(default=None, description="已申请的行政复议")

    @field_validator("act_made_on", "act_served_on", "act_known_on", "postmark_on")
    @classmethod
    def _not_after_received(cls, value: date | None, info: ValidationInfo) -> date | None:
        received = info.data.get("received_on")
        if value is not None and received is not None and value > received:
            raise ValueError(f"不得晚于收件日 {received.isoformat()}")
        return value


class RouteRequest(BaseModel):
    """The centre's routing decision for a registered dispute."""

    model_config = ConfigDict(extra="forbid")

    route: Route
    reason_code: str = Field(pattern=CODE, description="分流理由代码")
    basis: str | None = Field(default=None, max_length=500, description="不予受理时引用的法律依据")


class ApplicantView(BaseModel):
    """An applicant as lists show it (masked)."""

    kind: str
    name: str


class DisputeView(BaseModel):
    """A dispute as intake knows it."""

    case_id: UUID
    registration_no: str
    channel: Channel
    received_on: date
    registered_at: datetime
    agency_codes: list[str]
    act_type: str
    applicants: list[ApplicantView]
    stage: str
    route: str | None
    mediation_consent: bool
    act_doc_no: str | None = None
    amount_yuan: int | None = None
    act_made_on: date | None = None
    act_served_on: date | None = None
    act_known_on: date | None = None
    postmark_on: date | None = None
    claim_types: list[str] = Field(default_factory=list)
    reconsideration: RegistrationReconsideration | None = None
    repeat_of: UUID | None = Field(default=None, description="同一申请人就同一行为的前一争议（疑似重复，§1.8）")
    classification: ClassificationView = Field(default_factory=ClassificationView)
    lead_agency: LeadAgencyView | None = None
    withdrawal: WithdrawalView | None = None
    restricted: bool = Field(default=False, description="是否仅限指定人员查看（不显示其姓名）")
    filing_deadline: date | None = Field(default=None, description="起诉期限（“八看”审查保存后，仅列表提供）")
    deadline_provisional: bool = Field(default=False, description="期限所在年度的放假安排尚未载入，为暂定")


class DisputePage(BaseModel):
    """A page of disputes, newest first."""

    items: list[DisputeView]
    total: int = Field(description="How many disputes the list holds (all pages)")
    total_is_estimate: bool = Field(
        default=False,
        description="True when `total` is PostgreSQL's estimate: the unfiltered board of a large table "
        "(10,000 disputes or more) is not counted row by row",
    )
    next_cursor: str | None = Field(
        default=None,
        description="Pass as `cursor` for the next page (keyset paging, steady under new registrations); "
        "absent on the last page",
    )


class HistoryEntry(BaseModel):
    """One line of the case history kept by intake."""

    occurred_at: datetime
    actor: str
    action: str
    details: dict[str, object]
