"""Request and response bodies of the joint-analysis (P1) and quality-evaluation (P5) API."""

from datetime import date
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from adr_procuratorate_bridge.domain.analysis import AnalysisStatus
from adr_procuratorate_bridge.domain.evaluation import Rating
from adr_procuratorate_bridge.domain.suggestions import SuggestionKind


class InvitationRequest(BaseModel):
    case_id: UUID = Field(description="所涉重大疑难争议")
    topic: str = Field(min_length=1, max_length=200, description="研判事项")
    invited_by: str = Field(min_length=1, max_length=60, description="邀请单位（如 centre、court）")
    meeting_on: date = Field(description="研判日期")


class InvitationAnswer(BaseModel):
    """Either the opinion (with participants) or a reason for declining."""

    participants: list[str] = Field(default_factory=list, max_length=20, description="参加研判的检察人员")
    opinion: str = Field(default="", max_length=10000, description="检察院书面意见")
    opinion_on: date | None = Field(default=None, description="出具意见日（缺省为今日）")
    decline_reason: str | None = Field(default=None, max_length=2000, description="不参加的理由")


class AnalysisView(BaseModel):
    id: UUID
    case_id: UUID
    topic: str
    invited_by: str
    meeting_on: date
    status: AnalysisStatus
    participants: list[str]
    opinion: str
    opinion_on: date | None
    decline_reason: str


class EvaluationRequest(BaseModel):
    agency_code: str = Field(min_length=1, max_length=40, description="被评查机关目录代码")
    title: str = Field(default="", max_length=200, description="评查任务名称")
    period_from: date = Field(description="评查期间开始日")
    period_to: date = Field(description="评查期间结束日")
    case_refs: list[str] = Field(min_length=1, max_length=500, description="抽取的执法案件编号")

    @model_validator(mode="after")
    def _period(self) -> "EvaluationRequest":
        if self.period_to < self.period_from:
            raise ValueError("period_to 不能早于 period_from")
        return self


class FindingBody(BaseModel):
    case_ref: str = Field(min_length=1, max_length=100, description="执法案件编号")
    rating: Rating = Field(description="评查结论")
    problems: str = Field(default="", max_length=5000, description="发现的问题")


class FindingsRequest(BaseModel):
    findings: list[FindingBody] = Field(min_length=1, max_length=500)


class EvaluationSuggestionRequest(BaseModel):
    kind: SuggestionKind = SuggestionKind.CORRECTION
    topic_code: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$")
    recommendations: str = Field(min_length=1, max_length=5000)


class EvaluationView(BaseModel):
    id: UUID
    agency_code: str
    title: str
    period_from: date
    period_to: date
    case_refs: list[str]
    findings: list[FindingBody]
    counts: dict[str, int]
    closed_on: date | None
    suggestion_ids: list[UUID] = Field(description="据此制发的检察建议")
