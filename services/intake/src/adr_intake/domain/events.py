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
    lead_agency_code: str | None = None
    channel: str | None = None
    restricted_to: tuple[str, ...] = ()  # staff sign-in names; the case follows its restriction (O3)


@dataclass(frozen=True)
class StageChanged:
    """The dispute moved on elsewhere (mediation opened, agreed, failed); history only."""

    case_id: UUID
    at: datetime
    stage: str


@dataclass(frozen=True)
class CheckOutcome:
    """One of the eight checks as the reviewer decided it."""

    check: str
    verdict: str
    basis: str
    overridden: bool


@dataclass(frozen=True)
class FilingReviewCompleted:
    """A person reviewed the eight filing checks (M4); the route follows in the same transaction."""

    case_id: UUID
    at: datetime
    checks: tuple[CheckOutcome, ...]
    filing_deadline: date | None
    deadline_provisional: bool
    reconsideration_first: bool
    court_level: str
    mediable: bool


# --- classification, lead agency, withdrawal, repeats (issue #4: C2, A1, RULES.md §1.8) ---


@dataclass(frozen=True)
class DisputeClassified:
    """The flags changed; ``alert`` when the dispute has just become major."""

    case_id: UUID
    at: datetime
    major: bool
    group: bool
    sensitive: bool
    reason_codes: tuple[str, ...]
    manual: bool
    alert: bool


@dataclass(frozen=True)
class LeadAgencyDecided:
    """The Justice Bureau and the court named the lead agency among several (A1)."""

    case_id: UUID
    at: datetime
    lead_agency_code: str
    agency_codes: tuple[str, ...]
    decided_on: date


@dataclass(frozen=True)
class DisputeWithdrawn:
    case_id: UUID
    at: datetime
    reason_code: str
    registration_no: str


@dataclass(frozen=True)
class RepeatFlagged:
    """The same applicant against the same act as an earlier dispute; history only."""

    case_id: UUID
    at: datetime
    earlier_case_id: UUID
    earlier_registration_no: str


@dataclass(frozen=True)
class LiaisonsNamed:
    """The responsible agency's liaisons are the ones to notify (O3, A1); history only, no identities."""

    case_id: UUID
    at: datetime
    agency_code: str
    liaison_count: int


DomainEvent = (
    DisputeRegistered
    | DisputeRouted
    | StageChanged
    | FilingReviewCompleted
    | DisputeClassified
    | LeadAgencyDecided
    | DisputeWithdrawn
    | RepeatFlagged
    | LiaisonsNamed
)
