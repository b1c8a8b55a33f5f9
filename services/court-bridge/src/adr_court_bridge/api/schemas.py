"""Response bodies of court-bridge's API (not contracts: these may change with the pages)."""

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field


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
