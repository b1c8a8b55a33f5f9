"""Anti-corruption layer: intake's domain events to published contracts."""

from uuid import UUID

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.intake import DisputeRegisteredV1, DisputeRoutedV1
from adr_contracts.vocabulary import Channel, Route
from adr_intake.domain.events import DisputeRegistered, DisputeRouted, DomainEvent, StageChanged
from adr_runtime.clock import local_date
from adr_runtime.outbox import HistoryNote


def to_envelope(
    event: DomainEvent, *, correlation_id: UUID, causation_id: UUID | None
) -> Envelope[ContractModel] | HistoryNote:
    """The contract an event is published as, or a history note for facts kept locally."""
    payload: ContractModel
    match event:
        case DisputeRegistered():
            payload = DisputeRegisteredV1(
                registration_no=event.registration_no,
                channel=Channel(event.channel),
                received_on=event.received_on,
                agency_codes=list(event.agency_codes),
                act_type=event.act_type,
                applicant_count=event.applicant_count,
            )
        case DisputeRouted():
            payload = DisputeRoutedV1(
                route=Route(event.route),
                reason_code=event.reason_code,
                basis=event.basis,
                routed_on=local_date(event.at),
                first_received_on=event.first_received_on,
                registration_no=event.registration_no,
                agency_codes=list(event.agency_codes),
                mediation_consent=event.mediation_consent,
            )
        case StageChanged():
            return HistoryNote(
                case_id=event.case_id, occurred_at=event.at, action="intake.dispute.stage_followed",
                details={"stage": event.stage}, event_id=None,
            )
    return envelope_for(
        payload, case_id=event.case_id, occurred_at=event.at, correlation_id=correlation_id, causation_id=causation_id
    )
