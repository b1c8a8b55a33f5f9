"""Response bodies of court-bridge's API (not contracts: these may change with the pages)."""

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# The identifier of a record just created.
class Created(BaseModel):
    id: UUID


class SourceView(BaseModel):
    """One decision that sent the dispute to filing."""

    source: str = Field(description="dispute_routed（化解中心分流至立案）或 mediation_failed（调解不成转立案）")
    event_id: UUID = Field(description="The event that carried the decision")
    at: datetime = Field(description="When the decision was taken (UTC)")
    decided_on: date = Field(description="分流日或调解终结日")


class FilingEntryView(BaseModel):
    """A dispute waiting to be filed by the court."""

    case_id: UUID
    status: str = Field(description="awaiting_filing（待立案）")
    registration_no: str | None = Field(description="化解中心登记号（调解不成转来的，可能尚未知）")
    agency_codes: list[str] = Field(description="被诉机关目录代码")
    first_received_on: date = Field(description="收件日：争议最初到达任何机关之日，起诉期限据此计算")
    queued_on: date = Field(description="进入待立案队列之日")
    queued_at: datetime
    source: str = Field(description="最先将争议送来立案的决定")
    sources: list[SourceView] = Field(description="送来立案的全部决定，按到达顺序")
    mediation_case_id: UUID | None = None
    failure_reason: str | None = Field(default=None, description="调解不成的原因代码")


class FilingQueuePage(BaseModel):
    """A page of the filing queue, newest first."""

    items: list[FilingEntryView]
    total: int


class FilingRequest(BaseModel):
    """立案：法院决定立案的日期（默认今天）。"""

    filed_on: date | None = Field(default=None, description="立案日期；缺省为当天")


class FiledView(BaseModel):
    case_id: UUID
    court_case_no: str = Field(description="案号（RULES.md §3）")
    filed_on: date
    first_received_on: date = Field(description="收件日，保持争议最初到达之日")
    after_mediation: bool


class ApplicantIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    id_number: str | None = Field(default=None, max_length=30)
    phone: str | None = Field(default=None, max_length=30)
    organisation: bool = False


class DelegationRequest(BaseModel):
    """诉前委派：经当事人同意，将争议委派化解中心调解（K1）。"""

    received_on: date = Field(description="法院收到起诉材料之日")
    agency_codes: list[str] = Field(min_length=1, description="被诉机关目录代码")
    act_type: str = Field(min_length=1, max_length=60)
    applicants: list[ApplicantIn] = Field(min_length=1)
    consent: bool = Field(description="当事人同意诉前调解")


class DelegationView(BaseModel):
    case_id: UUID
    delegation_no: str = Field(description="诉前调解案号")
    delegated_on: date
    received_on: date
    agency_codes: list[str]
    act_type: str
    applicant_count: int


class CaseNumberView(BaseModel):
    text: str
    year: int
    court: str
    type_code: str
    serial: int
    suffix: str | None
    court_level: str = Field(description="supreme, high, intermediate or basic")
    own_court: bool = Field(description="本院案号")
