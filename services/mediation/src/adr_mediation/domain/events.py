"""Facts mediation records, named in the past tense (internal; translate.py maps them to contracts)."""

from dataclasses import dataclass
from datetime import date, datetime
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


DomainEvent = MediationOpened | AgreementReached | MediationFailed
