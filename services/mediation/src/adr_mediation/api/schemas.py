"""Request and response bodies of mediation's API (not contracts: these may change with the pages)."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adr_contracts.vocabulary import FailureReason, FollowUpOutcome, MediationStage, ObligorKind, RiskKind


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OpenRequest(_Body):
    """A mediation opened by hand: in trial at the judge's request, or in reconsideration (自愿)."""

    case_id: UUID = Field(description="争议的案件标识")
    stage: Literal["in_trial", "reconsideration", "court_delegated"]
    registration_no: str = Field(min_length=1, max_length=60)
    agency_codes: list[str] = Field(min_length=1)
    first_received_on: date
    opened_on: date
    consent: Literal[True] = Field(description="当事人同意调解（自愿），必须为 true")
    restricted_to: list[str] = Field(default_factory=list)


class ExtensionRequest(_Body):
    """Extension of the mediation period by the parties' agreement (Online-Med art.24)."""

    extra_days: int = Field(ge=1, le=365)
    consented_on: date
    parties_consent: bool = Field(description="各方当事人同意延长")


class ObligationIn(_Body):
    obligor_kind: ObligorKind
    agency_code: str | None = Field(default=None, description="义务人为行政机关时，写明机关代码")
    description: str = Field(min_length=1, max_length=2000)
    amount_fen: int | None = Field(default=None, ge=0, description="金额，单位：分")
    due_on: date


class AgreementDraftRequest(_Body):
    """The agreement (和解协议) drafted for signature, with its obligations."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "drafted_on": "2026-12-08", "terms": "双方同意按以下方式化解争议。", "confirmation_requested": True,
        "obligations": [{"obligor_kind": "agency", "agency_code": "WJG-SCJ", "description": "退还罚款",
                         "amount_fen": 1500000, "due_on": "2026-12-31"}],
    }]})

    drafted_on: date
    terms: str = Field(default="", max_length=20000)
    obligations: list[ObligationIn] = Field(default_factory=list, max_length=100)
    confirmation_requested: bool = Field(default=False, description="当事人拟共同申请司法确认")


class SignatureIn(_Body):
    role: Literal["applicant", "agency", "mediator"]
    name: str = Field(min_length=1, max_length=100)
    signed_on: date


class SignaturesRequest(_Body):
    signatures: list[SignatureIn] = Field(min_length=1, max_length=3)


class ConfirmationRequest(_Body):
    requested_on: date


class FulfilmentRequest(_Body):
    fulfilled_on: date
    evidence_note: str = Field(min_length=1, max_length=2000, description="履行凭证说明（如转账凭证编号）")


class ClosingRequest(_Body):
    closed_on: date


class WithdrawalRequest(_Body):
    withdrawn_on: date


class SelfCorrectionRequest(_Body):
    corrected_on: date
    note: str = Field(default="", max_length=2000)


class FailureRequest(_Body):
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


class RiskRequest(_Body):
    kind: RiskKind
    factor_codes: list[str] = Field(default_factory=list)
    reasons: str = Field(min_length=1, max_length=4000)
    measures: list[str] = Field(default_factory=list)
    assessed_on: date


class MeasureRequest(_Body):
    measure: str = Field(min_length=1, max_length=2000)


class FollowUpRequest(_Body):
    visited_on: date
    outcome: FollowUpOutcome
    note: str = Field(default="", max_length=4000)


class DifficultyRequest(_Body):
    difficulty: Literal["simple", "ordinary", "difficult", "major"]


class PersonRequest(_Body):
    name: str = Field(min_length=1, max_length=100)
    kind: Literal["peoples_mediator", "lawyer", "npc_deputy", "cppcc_member", "judge", "agency_staff"]
    username: str | None = Field(default=None, max_length=100)
    agency_code: str | None = Field(default=None, max_length=40)
    legal_aid: bool = False
    declared_conflicts: list[str] = Field(default_factory=list)


class AssignmentRequest(_Body):
    person_id: UUID
    role: Literal["lead", "co", "handler"] = "lead"


class SessionRequest(_Body):
    starts_at: datetime
    ends_at: datetime
    place: str = Field(min_length=1, max_length=200)
    person_ids: list[UUID] = Field(min_length=1, max_length=30)


class SessionRecordRequest(_Body):
    attended: dict[UUID, bool]
    minutes: str = Field(min_length=1, max_length=20000)


class HeadNoticeRequest(_Body):
    agency_code: str
    session_id: UUID | None = None
    sent_on: date


class HeadNoticeAnswer(_Body):
    action: Literal["acknowledge", "remind"]
    on: date


class PlanRequest(_Body):
    content: str = Field(min_length=1, max_length=20000)


class SubsidyBatchRequest(_Body):
    period: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="月份，如 2026-12")


# -- views -----------------------------------------------------------------------------------------------


class ObligationView(BaseModel):
    obligation_id: UUID
    obligor_kind: str
    agency_code: str | None
    description: str
    amount_fen: int | None
    due_on: date
    fulfilled_on: date | None
    evidence_note: str | None
    late: bool
    overdue_noticed_on: date | None


class SignatureView(BaseModel):
    role: str
    name: str
    signed_on: date


class AgreementView(BaseModel):
    """The current agreement."""

    agreement_id: UUID
    drafted_on: date
    terms: str
    agreed_on: date | None = Field(description="最后一方签署之日，协议生效")
    obligation_count: int
    total_amount_fen: int | None
    confirmation_requested: bool
    confirmation_requested_on: date | None
    ruling_outcome: str | None
    ruling_no: str | None
    ruled_on: date | None
    enforceable: bool
    signatures: list[SignatureView]
    obligations: list[ObligationView]


class FailureView(BaseModel):
    failed_on: date
    reason: str
    next_route: str


class MediationCaseView(BaseModel):
    """A mediation case as mediation knows it (no personal data)."""

    mediation_case_id: UUID
    case_id: UUID = Field(description="争议的案件标识（与登记分流一致）")
    registration_no: str
    agency_codes: list[str]
    stage: MediationStage
    status: str = Field(description="opened、in_session、agreement、performing、closed、failed、withdrawn、"
                                    "self_corrected 或 reopened")
    consent: bool = Field(description="当事人同意调解（自愿）")
    opened_at: datetime
    opened_on: date
    period_ends_on: date = Field(description="调解期限届满日（按法定期间计算，遇节假日顺延）")
    period_provisional: bool
    extended_days: int
    period_warning: str | None = Field(default=None, description="running、ending_soon 或 expired")
    first_received_on: date = Field(description="争议最初收件日，转立案时沿用")
    restricted: bool
    difficulty: str
    agreement: AgreementView | None
    failure: FailureView | None
    closed_on: date | None
    closing_outcome: str | None
    court_case_no: str | None
    filed_on: date | None
    reopened_count: int
    version: int


class MediationCasePage(BaseModel):
    """A page of mediation cases, newest first."""

    items: list[MediationCaseView]
    total: int


class SweepView(BaseModel):
    overdue_published: int
    reminders: list[dict[str, object]]


class CreatedView(BaseModel):
    id: UUID


class RiskView(BaseModel):
    risk_id: UUID
    kind: str
    level: str
    factor_codes: list[str]
    reasons: str
    measures: list[str]
    assessed_on: date


class FollowUpResult(BaseModel):
    reopened: bool
