"""Request and response bodies of the hearings and judicial-assistance API (P4)."""

from datetime import date
from uuid import UUID

from pydantic import BaseModel, Field

from adr_procuratorate_bridge.domain.hearings import HearingOutcome, ParticipantRole


class HearingScheduleRequest(BaseModel):
    case_id: UUID = Field(description="所涉争议")
    topic: str = Field(min_length=1, max_length=200, description="听证事项")
    scheduled_on: date = Field(description="拟听证日期")
    location: str = Field(default="", max_length=200, description="听证地点")


class ParticipantBody(BaseModel):
    role: ParticipantRole = Field(description="参加人身份")
    name: str = Field(min_length=1, max_length=100, description="姓名或名称")
    organisation: str = Field(default="", max_length=100, description="单位")


class HearingRecordRequest(BaseModel):
    held_on: date = Field(description="听证举行日")
    participants: list[ParticipantBody] = Field(min_length=1, max_length=50, description="参加人")
    outcome: HearingOutcome = Field(description="听证结果")
    summary: str = Field(default="", max_length=5000, description="听证意见要点")


class HearingView(BaseModel):
    id: UUID
    case_id: UUID
    topic: str
    scheduled_on: date
    location: str
    held_on: date | None
    participants: list[ParticipantBody]
    outcome: HearingOutcome | None
    outcome_summary: str


class AssistanceApplicationRequest(BaseModel):
    case_id: UUID = Field(description="所涉争议")
    applicant_name: str = Field(min_length=1, max_length=100, description="申请人")
    reason: str = Field(min_length=1, max_length=2000, description="申请理由（生活困难情形）")
    applied_on: date = Field(description="申请日")
    requested_fen: int | None = Field(default=None, ge=0, description="申请金额（分）")


class AssistanceDecisionRequest(BaseModel):
    decided_on: date = Field(description="决定日")
    granted: bool = Field(description="是否给予救助")
    amount_fen: int | None = Field(default=None, ge=0, description="救助金额（分）")
    reason: str = Field(default="", max_length=2000, description="决定理由")


class AssistanceView(BaseModel):
    id: UUID
    case_id: UUID
    applicant_name: str
    reason: str
    applied_on: date
    requested_fen: int | None
    decided_on: date | None
    granted: bool | None
    amount_fen: int | None
    decision_reason: str
