"""Request and response bodies of the suggestions API (P3)."""

from datetime import date
from uuid import UUID

from pydantic import BaseModel, Field

from adr_procuratorate_bridge.domain.suggestions import SuggestionKind, SuggestionStatus

Code = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_\-]+$")


class SuggestionDraftRequest(BaseModel):
    """A new draft suggestion."""

    kind: SuggestionKind = Field(description="检察建议类别")
    agency_code: str = Field(min_length=1, max_length=40, description="被建议的行政机关目录代码")
    topic_code: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$", description="问题类别代码")
    findings: str = Field(min_length=1, max_length=5000, description="发现的问题")
    recommendations: str = Field(min_length=1, max_length=5000, description="建议内容")
    case_id: UUID | None = Field(default=None, description="所涉争议（可空）")
    legal_basis: str = Field(default="", max_length=1000, description="法律依据")
    urgent: bool = Field(default=False, description="情况紧急，适用较短的回复期限")
    evaluation_id: UUID | None = Field(default=None, description="所出自的案件质量评查任务")


class SuggestionIssueRequest(BaseModel):
    """Issuing a draft: the day it is served (宣告送达或书面送达)."""

    served_on: date | None = Field(default=None, description="送达日（缺省为今日）")


class SuggestionReplyRequest(BaseModel):
    """The agency's written reply."""

    replied_on: date = Field(description="书面回复日")
    adopted: bool = Field(description="是否采纳")
    measures: list[str] = Field(default_factory=list, max_length=50, description="已采取的整改措施")
    summary: str = Field(default="", max_length=5000, description="回复要点")


class SuggestionView(BaseModel):
    """A suggestion as staff see it."""

    id: UUID
    case_id: UUID | None
    evaluation_id: UUID | None
    kind: SuggestionKind
    agency_code: str
    topic_code: str
    findings: str
    recommendations: str
    legal_basis: str
    urgent: bool
    status: SuggestionStatus
    suggestion_no: str | None
    issued_on: date | None
    reply_due_on: date | None
    reply_due_provisional: bool = Field(description="到期日所在年度的法定节假日尚未载入，日期为暂定")
    overdue_noticed_on: date | None
    replied_on: date | None
    adopted: bool | None
    measures: list[str]
    reply_summary: str
    days_late: int | None
    warning: str | None = Field(default=None, description="overdue、due_in_5、due_in_15（RULES.md §5.3）")


class SuggestionPage(BaseModel):
    items: list[SuggestionView]
    total: int


class SupervisionItem(BaseModel):
    """One line of the publishable list of supervision work: codes, numbers and dates only."""

    suggestion_no: str
    kind: SuggestionKind
    kind_label: str
    agency_code: str
    topic_code: str
    issued_on: date
    reply_due_on: date
    status: SuggestionStatus
    replied_on: date | None
    adopted: bool | None
    days_late: int | None


class SupervisionList(BaseModel):
    """The publishable list of supervision work (P3), with its totals."""

    items: list[SupervisionItem]
    issued: int
    replied: int
    adopted: int
    overdue: int


class SweepResult(BaseModel):
    noticed: list[UUID] = Field(description="本次标记为逾期的检察建议")
