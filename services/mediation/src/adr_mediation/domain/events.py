"""Facts mediation records, named in the past tense (internal; translate.py maps them to contracts)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class MediationOpened:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    stage: str
    opened_on: date
    period_ends_on: date


@dataclass(frozen=True)
class AgreementReached:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    agreed_on: date
    obligation_count: int
    total_amount_fen: int | None
    confirmation_requested: bool


@dataclass(frozen=True)
class MediationFailed:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    failed_on: date
    reason: str
    next_route: str
    first_received_on: date


@dataclass(frozen=True)
class ConfirmationRequested:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    agreement_id: UUID
    requested_on: date
    agreed_on: date
    agency_codes: tuple[str, ...]
    obligation_count: int
    total_amount_fen: int | None


@dataclass(frozen=True)
class RiskAssessed:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    kind: str
    level: str
    factor_codes: tuple[str, ...]
    assessed_on: date


@dataclass(frozen=True)
class ObligationOverdue:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    obligation_id: UUID
    obligor_kind: str
    agency_code: str | None
    due_on: date
    amount_fen: int | None


@dataclass(frozen=True)
class ObligationFulfilled:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    obligation_id: UUID
    obligor_kind: str
    agency_code: str | None
    due_on: date
    fulfilled_on: date
    late: bool


@dataclass(frozen=True)
class MediationClosed:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    outcome: str
    closed_on: date


@dataclass(frozen=True)
class FollowUpRecorded:
    case_id: UUID
    mediation_case_id: UUID
    at: datetime
    visited_on: date
    outcome: str
    reopened: bool


@dataclass(frozen=True)
class SubsidyLine:
    mediator_id: UUID
    mediation_case_id: UUID
    basis_code: str
    amount_fen: int


@dataclass(frozen=True)
class SubsidyBatchApproved:
    batch_id: UUID
    at: datetime
    period: str
    approved_on: date
    lines: tuple[SubsidyLine, ...]
    total_fen: int
    case_id: UUID | None = None


@dataclass(frozen=True)
class Noted:
    """A change kept in the case's timeline without being published (e.g. a session held, a plan version)."""

    case_id: UUID | None
    at: datetime
    action: str
    details: dict[str, Any] = field(default_factory=dict)


DomainEvent = (
    MediationOpened
    | AgreementReached
    | MediationFailed
    | ConfirmationRequested
    | RiskAssessed
    | ObligationOverdue
    | ObligationFulfilled
    | MediationClosed
    | FollowUpRecorded
    | SubsidyBatchApproved
    | Noted
)
