"""Request and response bodies of intake's API (not contracts: these may change with the pages)."""

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from adr_contracts.vocabulary import Channel, Route
from adr_intake.api.decision_schemas import ClassificationView, LeadAgencyView, WithdrawalView

AGENCY_CODE = r"^[A-Z0-9][A-Z0-9-]{1,39}$"
CODE = r"^[a-z][a-z0-9_]{1,59}$"
AgencyCode = Annotated[str, StringConstraints(pattern=AGENCY_CODE)]


class ApplicantIn(BaseModel):
    """One applicant (personal data: stored by intake, masked in lists, never logged)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["natural", "legal_person", "other_org"] = Field(description="自然人、法人或其他组织")
    name: str = Field(min_length=1, max_length=100, description="姓名或名称", examples=["张三"])
    id_no: str | None = Field(
        default=None, pattern=r"^[0-9A-Z]{15,18}$", description="身份证号或统一社会信用代码"
    )
    phone: str | None = Field(default=None, pattern=r"^[0-9+\- ]{5,20}$", description="联系电话")


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
    total: int


class HistoryEntry(BaseModel):
    """One line of the case history kept by intake."""

    occurred_at: datetime
    actor: str
    action: str
    details: dict[str, object]
