"""Facts intake records, named in the past tense (internal; translate.py maps them to contracts)."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class DisputeRegistered:
    case_id: UUID
    at: datetime
    registration_no: str
    channel: str
    received_on: date
    agency_codes: tuple[str, ...]
    act_type: str
    applicant_count: int


@dataclass(frozen=True)
class DisputeRouted:
    case_id: UUID
    at: datetime
    route: str
    reason_code: str
    basis: str | None
    registration_no: str
    first_received_on: date
    agency_codes: tuple[str, ...]
    mediation_consent: bool


@dataclass(frozen=True)
class StageChanged:
    """The dispute moved on elsewhere (mediation opened, agreed, failed); history only."""

    case_id: UUID
    at: datetime
    stage: str


DomainEvent = DisputeRegistered | DisputeRouted | StageChanged
