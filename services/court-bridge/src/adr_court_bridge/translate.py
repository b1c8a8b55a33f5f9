"""Anti-corruption layer: contracts to court-bridge's triggers, and its events to history notes."""

from typing import Any
from uuid import UUID

from adr_contracts import Envelope
from adr_contracts.intake import DisputeRoutedV1
from adr_contracts.mediation import MediationFailedV1
from adr_court_bridge.domain.events import DomainEvent, FilingTriggerAdded, QueuedForFiling
from adr_court_bridge.domain.model import FilingSource, Trigger
from adr_runtime.outbox import HistoryNote

_ACTIONS = {QueuedForFiling: "court.filing_queue.queued", FilingTriggerAdded: "court.filing_queue.trigger_added"}


def to_trigger(envelope: Envelope[Any], case_id: UUID) -> Trigger:
    """The decision about where the dispute goes next that an event carries."""
    data, event_id, at = envelope.data, envelope.event_id, envelope.occurred_at
    match data:
        case DisputeRoutedV1():
            return Trigger(
                case_id=case_id,
                event_id=event_id,
                at=at,
                source=FilingSource.DISPUTE_ROUTED,
                decided_on=data.routed_on,
                next_route=data.route.value,
                first_received_on=data.first_received_on,
                registration_no=data.registration_no,
                agency_codes=tuple(data.agency_codes),
            )
        case MediationFailedV1():
            return Trigger(
                case_id=case_id,
                event_id=event_id,
                at=at,
                source=FilingSource.MEDIATION_FAILED,
                decided_on=data.failed_on,
                next_route=data.next_route.value,
                first_received_on=data.first_received_on,
                mediation_case_id=data.mediation_case_id,
                failure_reason=data.reason.value,
            )
    raise TypeError(f"court-bridge takes no trigger from {type(data).__name__}")


def to_history(event: DomainEvent) -> HistoryNote:
    """A change of the filing queue as a line of the case history (not published in this slice)."""
    return HistoryNote(
        case_id=event.case_id,
        occurred_at=event.at,
        action=_ACTIONS[type(event)],
        details={"source": event.source, "first_received_on": event.first_received_on.isoformat()},
    )
