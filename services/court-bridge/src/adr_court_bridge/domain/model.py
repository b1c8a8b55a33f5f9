"""The filing queue: disputes the court is to file, one entry per dispute (M3, K1).

A dispute reaches filing either because the centre routed it there, or because mediation
failed and the dispute flows into filing at once (M3; Online-Med art.21(2): after failed
commissioned mediation the court must register the case). Either way the entry keeps the date
the dispute was first received by any institution, since the filing time limit counts from it
(RULES.md §2.3: ALWAYS keep the original complaint receipt date).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from adr_court_bridge.domain.errors import AlreadyFiled, FiledBeforeReceipt, NotForFiling
from adr_court_bridge.domain.events import DomainEvent, FilingTriggerAdded, QueuedForFiling

FILING = "filing"


class FilingSource(StrEnum):
    """What sent the dispute to filing."""

    DISPUTE_ROUTED = "dispute_routed"  # 化解中心分流至立案
    MEDIATION_FAILED = "mediation_failed"  # 调解不成，转立案


class EntryStatus(StrEnum):
    """Where the entry stands."""

    AWAITING_FILING = "awaiting_filing"  # 待立案
    FILED = "filed"  # 已立案


@dataclass(frozen=True)
class Trigger:
    """An institution's decision about where a dispute goes next, as court-bridge receives it."""

    case_id: UUID
    source: FilingSource
    event_id: UUID
    at: datetime
    decided_on: date
    next_route: str
    first_received_on: date
    registration_no: str | None = None
    agency_codes: tuple[str, ...] = ()
    mediation_case_id: UUID | None = None
    failure_reason: str | None = None

    @property
    def leads_to_filing(self) -> bool:
        """Only decisions for filing concern the court; mediation or reconsideration do not."""
        return self.next_route == FILING


@dataclass(frozen=True)
class SourceRecord:
    """One trigger kept in the entry's history of sources."""

    source: FilingSource
    event_id: UUID
    at: datetime
    decided_on: date


@dataclass
class FilingEntry:
    """The aggregate: one per dispute, whatever number of triggers sent it to filing."""

    case_id: UUID
    first_received_on: date
    queued_at: datetime
    queued_on: date
    sources: list[SourceRecord]
    registration_no: str | None = None
    agency_codes: tuple[str, ...] = ()
    mediation_case_id: UUID | None = None
    failure_reason: str | None = None
    status: EntryStatus = EntryStatus.AWAITING_FILING
    court_case_no: str | None = None
    filed_on: date | None = None
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def queue(cls, trigger: Trigger) -> "FilingEntry":
        """Opens the entry for a dispute sent to filing."""
        _require_filing(trigger)
        entry = cls(
            case_id=trigger.case_id,
            first_received_on=trigger.first_received_on,
            queued_at=trigger.at,
            queued_on=trigger.decided_on,
            sources=[_record(trigger)],
        )
        entry._take_details(trigger)
        entry.events.append(QueuedForFiling(trigger.case_id, trigger.at, trigger.source.value, entry.first_received_on))
        return entry

    def add_trigger(self, trigger: Trigger) -> None:
        """Adds a further source to the same entry; the same trigger twice changes nothing."""
        _require_filing(trigger)
        if any(s.event_id == trigger.event_id for s in self.sources):
            return
        self.sources.append(_record(trigger))
        self.first_received_on = min(self.first_received_on, trigger.first_received_on)
        if trigger.at < self.queued_at:
            self.queued_at, self.queued_on = trigger.at, trigger.decided_on
        self._take_details(trigger)
        self.version += 1
        self.events.append(FilingTriggerAdded(self.case_id, trigger.at, trigger.source.value, self.first_received_on))

    def file(self, *, court_case_no: str, filed_on: date) -> None:
        """Files the case (立案) once, keeping the date first received for the time limit (M3)."""
        if self.status is EntryStatus.FILED:
            raise AlreadyFiled(self.case_id)
        if filed_on < self.first_received_on:
            raise FiledBeforeReceipt(self.case_id)
        self.status, self.version = EntryStatus.FILED, self.version + 1
        self.court_case_no, self.filed_on = court_case_no, filed_on

    @property
    def after_mediation(self) -> bool:
        """Filed because pre-litigation mediation failed."""
        return any(s.source is FilingSource.MEDIATION_FAILED for s in self.sources)

    @property
    def source(self) -> FilingSource:
        """What first sent the dispute to filing."""
        return min(self.sources, key=lambda s: s.at).source

    def _take_details(self, trigger: Trigger) -> None:
        self.registration_no = self.registration_no or trigger.registration_no
        self.agency_codes = self.agency_codes or trigger.agency_codes
        if trigger.mediation_case_id is not None:
            self.mediation_case_id, self.failure_reason = trigger.mediation_case_id, trigger.failure_reason


def _require_filing(trigger: Trigger) -> None:
    if not trigger.leads_to_filing:
        raise NotForFiling(trigger.case_id, trigger.next_route)


def _record(trigger: Trigger) -> SourceRecord:
    return SourceRecord(source=trigger.source, event_id=trigger.event_id, at=trigger.at, decided_on=trigger.decided_on)
