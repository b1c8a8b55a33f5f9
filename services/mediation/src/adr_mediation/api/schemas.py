"""Request and response bodies of mediation's API (not contracts: these may change with the pages)."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adr_contracts.vocabulary import FailureReason


class AgreementRequest(BaseModel):
    """The settlement agreement (和解协议) the parties reached."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"agreed_on": "2026-12-10", "obligation_count": 2, "total_amount_fen": 1500000,
                 "confirmation_requested": True}
            ]
        },
    )

    agreed_on: date = Field(description="协议达成日期，不得早于调解立案日期")
    obligation_count: int = Field(ge=0, le=1000, description="协议约定的义务项数")
    total_amount_fen: int | None = Field(default=None, ge=0, description="给付金额合计，单位：分")
    confirmation_requested: bool = Field(default=False, description="当事人共同申请司法确认")


class FailureRequest(BaseModel):
    """Why the mediation ended without agreement, and where the dispute goes next (A2, M3)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"failed_on": "2026-12-20", "reason": "no_agreement", "next_route": "filing"}]},
    )

    failed_on: date = Field(description="调解终结日期，不得早于调解立案日期")
    reason: FailureReason = Field(description="调解不成的原因（《人民法院在线调解规则》第二十五条）")
    next_route: Literal["filing", "reconsideration"] = Field(
        description="转立案（filing）或引导行政复议（reconsideration）；法院委派调解不成的只能转立案"
    )


class AgreementView(BaseModel):
    """The recorded agreement."""

    agreed_on: date
    obligation_count: int
    total_amount_fen: int | None
    confirmation_requested: bool


class FailureView(BaseModel):
    """The recorded failure."""

    failed_on: date
    reason: str
    next_route: str


class MediationCaseView(BaseModel):
    """A mediation case as mediation knows it (no personal data)."""

    mediation_case_id: UUID
    case_id: UUID = Field(description="争议的案件标识（与登记分流一致）")
    registration_no: str
    agency_codes: list[str]
    stage: str = Field(description="pre_litigation（诉前）或 court_delegated（法院委派）")
    status: str = Field(description="open（调解中）、agreed（已达成协议）或 failed（调解不成）")
    consent: bool = Field(description="当事人同意调解（自愿）")
    opened_at: datetime
    opened_on: date
    period_ends_on: date = Field(description="调解期限届满日（暂按自然日计算）")
    first_received_on: date = Field(description="争议最初收件日，转立案时沿用")
    agreement: AgreementView | None
    failure: FailureView | None
    version: int


class MediationCasePage(BaseModel):
    """A page of mediation cases, newest first."""

    items: list[MediationCaseView]
    total: int
