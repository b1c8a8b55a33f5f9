"""Response bodies of procuratorate-bridge's API (not contracts: these may change with the pages)."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class SharedRecordView(BaseModel):
    """One shared fact as the procuratorate received it."""

    event_id: UUID = Field(description="The shared event's id")
    case_id: UUID | None = Field(description="The dispute (for a pattern warning: the warning's id)")
    subject: str = Field(description="The contract subject it arrived on")
    kind: str = Field(description="共享信息类别代码（registration、case_filed、decision……）")
    facts: dict[str, Any] = Field(description="所收事项（合同载荷，不含个人信息）")
    agency_codes: list[str] = Field(description="涉及的行政机关目录代码")
    registration_no: str | None = Field(default=None, description="化解中心登记号（仅争议登记）")
    channel: str | None = Field(default=None, description="来源渠道代码（仅争议登记）")
    act_type: str | None = Field(default=None, description="被诉行政行为类型代码（仅争议登记）")
    received_on: date | None = Field(default=None, description="收件日（仅争议登记）")
    occurred_at: datetime = Field(description="事项发生时间（UTC）")
    received_at: datetime = Field(description="检察院接收时间（UTC）")
    sha256: str = Field(description="所收消息的 SHA-256 摘要，作为回执依据")
    receipt_id: UUID | None = Field(default=None, description="回执编号")


class SharedRecordPage(BaseModel):
    """A page of shared records, newest first."""

    items: list[SharedRecordView]
    total: int


class ReceiptView(BaseModel):
    """The procuratorate's receipt for one shared message."""

    receipt_id: UUID = Field(description="回执编号")
    event_id: UUID = Field(description="所收事件编号")
    subject: str = Field(description="所收合同主题")
    kind: str = Field(description="共享信息类别代码")
    case_id: UUID | None
    sha256: str = Field(description="所收消息的 SHA-256 摘要")
    issued_at: datetime = Field(description="回执时间（UTC）")
