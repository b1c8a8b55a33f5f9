"""Response bodies of procuratorate-bridge's API (not contracts: these may change with the pages)."""

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field


class SharedRecordView(BaseModel):
    """One shared registration as the procuratorate received it."""

    event_id: UUID = Field(description="The shared event's id")
    case_id: UUID
    subject: str = Field(description="The contract subject it arrived on")
    registration_no: str = Field(description="化解中心登记号")
    channel: str = Field(description="来源渠道代码")
    agency_codes: list[str] = Field(description="被申请（被诉）机关目录代码")
    act_type: str = Field(description="被诉行政行为类型代码")
    received_on: date = Field(description="收件日")
    occurred_at: datetime = Field(description="登记时间（UTC）")
    received_at: datetime = Field(description="检察院接收时间（UTC）")
    sha256: str = Field(description="所收消息的 SHA-256 摘要，作为回执依据")


class SharedRecordPage(BaseModel):
    """A page of shared records, newest first."""

    items: list[SharedRecordView]
    total: int
