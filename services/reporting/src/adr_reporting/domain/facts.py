"""What reporting knows about one dispute, merged from events that may arrive in any order.

Events of different producers travel on different streams, so a mediation outcome can reach
reporting before the registration it follows. Every merge below is therefore commutative and
idempotent: applying the same facts in any order, any number of times, gives the same row.
No personal data is kept (M11, C6: the numbers, never the people).
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID


class MediationStatus(StrEnum):
    """Where the dispute's mediation stands, as counted by the indicators."""

    OPENED = "opened"  # 调解中
    AGREED = "agreed"  # 达成和解协议
    FAILED = "failed"  # 调解不成


@dataclass(frozen=True)
class Registered:
    """The centre registered the dispute (its registration is the authority for these fields)."""

    at: datetime
    registration_no: str
    channel: str
    received_on: date
    agency_codes: tuple[str, ...]
    act_type: str


@dataclass(frozen=True)
class FilingReviewed:
    """The eight filing checks were confirmed; a later review supersedes an earlier one."""

    at: datetime
    mediable: bool | None


@dataclass(frozen=True)
class Routed:
    """The centre decided where the dispute goes; it also carries some registration facts."""

    route: str
    routed_on: date
    registration_no: str
    first_received_on: date
    agency_codes: tuple[str, ...]


@dataclass(frozen=True)
class MediationOpened:
    opened_on: date


@dataclass(frozen=True)
class MediationAgreed:
    agreed_on: date


@dataclass(frozen=True)
class MediationFailed:
    failed_on: date
    first_received_on: date


@dataclass(frozen=True)
class Classified:
    """The centre classified the dispute (C2); the latest classification stands."""

    at: datetime
    major: bool
    group: bool
    sensitive: bool


@dataclass(frozen=True)
class LeadAgencyDecided:
    """The Justice Bureau and the court named the lead agency among several (A1)."""

    lead_agency_code: str


@dataclass(frozen=True)
class Withdrawn:
    withdrawn_on: date


Fact = (
    Registered
    | FilingReviewed
    | Routed
    | MediationOpened
    | MediationAgreed
    | MediationFailed
    | Classified
    | LeadAgencyDecided
    | Withdrawn
)


def _earliest(current: date | None, new: date) -> date:
    return new if current is None or new < current else current


def _latest(current: date | None, new: date) -> date:
    return new if current is None or new > current else current


@dataclass
class DisputeFacts:
    """One row of the read model: everything counted about a dispute, filled in as facts arrive."""

    case_id: UUID
    registration_no: str | None = None
    channel: str | None = None
    received_on: date | None = None
    registered_at: datetime | None = None
    agency_codes: tuple[str, ...] | None = None
    act_type: str | None = None
    filing_reviewed_at: datetime | None = None
    mediable: bool | None = None
    route: str | None = None
    routed_on: date | None = None
    mediation_opened_on: date | None = None
    mediation_agreed_on: date | None = None
    mediation_failed_on: date | None = None
    classified_at: datetime | None = None
    major: bool | None = None
    group_dispute: bool | None = None
    sensitive: bool | None = None
    lead_agency_code: str | None = None
    withdrawn_on: date | None = None

    def apply(self, fact: Fact) -> None:
        """Merges one fact into the row."""
        match fact:
            case Registered():
                self._registered(fact)
            case FilingReviewed():
                if self.filing_reviewed_at is None or fact.at >= self.filing_reviewed_at:
                    self.filing_reviewed_at, self.mediable = fact.at, fact.mediable
            case Routed():
                self.route, self.routed_on = fact.route, fact.routed_on
                self._fill_registration(fact.registration_no, fact.first_received_on, fact.agency_codes)
            case MediationOpened():
                # the first opening is the one the mediation period counts from
                self.mediation_opened_on = _earliest(self.mediation_opened_on, fact.opened_on)
            case MediationAgreed():
                self.mediation_agreed_on = _latest(self.mediation_agreed_on, fact.agreed_on)
            case MediationFailed():
                self.mediation_failed_on = _latest(self.mediation_failed_on, fact.failed_on)
                self._fill_registration(None, fact.first_received_on, None)
            case Classified():
                self._classified(fact)
            case LeadAgencyDecided():
                # decided once; should two ever arrive, the choice must not depend on their order
                self.lead_agency_code = min(c for c in (self.lead_agency_code, fact.lead_agency_code) if c)
            case Withdrawn():
                self.withdrawn_on = _earliest(self.withdrawn_on, fact.withdrawn_on)

    @property
    def mediation_status(self) -> MediationStatus | None:
        """The latest outcome wins (a failed pre-litigation mediation may be followed by an
        agreement in trial); on the same day the agreement stands. Without an outcome: opened."""
        agreed, failed = self.mediation_agreed_on, self.mediation_failed_on
        if agreed is not None and (failed is None or agreed >= failed):
            return MediationStatus.AGREED
        if failed is not None:
            return MediationStatus.FAILED
        if self.mediation_opened_on is not None:
            return MediationStatus.OPENED
        return None

    def _classified(self, fact: Classified) -> None:
        # the latest wins; at the same instant the one with more flags, so that order never matters
        new = (fact.at, fact.major, fact.group, fact.sensitive)
        if self.classified_at is not None:
            current = (self.classified_at, bool(self.major), bool(self.group_dispute), bool(self.sensitive))
            if new <= current:
                return
        self.classified_at, self.major, self.group_dispute, self.sensitive = new

    def _registered(self, fact: Registered) -> None:
        self.registered_at = fact.at
        self.registration_no, self.channel, self.act_type = fact.registration_no, fact.channel, fact.act_type
        self.received_on, self.agency_codes = fact.received_on, fact.agency_codes

    def _fill_registration(
        self, registration_no: str | None, received_on: date, agency_codes: tuple[str, ...] | None
    ) -> None:
        # Other events repeat some registration facts: they fill gaps, never overwrite the registration.
        if self.registered_at is not None:
            return
        self.registration_no = self.registration_no or registration_no
        self.received_on = _earliest(self.received_on, received_on)
        self.agency_codes = self.agency_codes or agency_codes
