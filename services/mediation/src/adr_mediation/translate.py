"""Anti-corruption layer: mediation's domain events to published contracts."""

from uuid import UUID

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.mediation import AgreementReachedV1, MediationFailedV1, MediationOpenedV1
from adr_contracts.vocabulary import FailureReason, MediationStage, Route
from adr_mediation.domain.events import AgreementReached, DomainEvent, MediationFailed, MediationOpened


def to_envelope(event: DomainEvent, *, correlation_id: UUID, causation_id: UUID | None) -> Envelope[ContractModel]:
    """The contract an event is published as, in its envelope."""
    return envelope_for(
        to_contract(event),
        case_id=event.case_id,
        occurred_at=event.at,
        correlation_id=correlation_id,
        causation_id=causation_id,
    )


def to_contract(event: DomainEvent) -> ContractModel:
    """The payload of the contract an event is published as."""
    match event:
        case MediationOpened():
            return MediationOpenedV1(
                mediation_case_id=event.mediation_case_id,
                stage=MediationStage(event.stage),
                opened_on=event.opened_on,
                period_ends_on=event.period_ends_on,
            )
        case AgreementReached():
            return AgreementReachedV1(
                mediation_case_id=event.mediation_case_id,
                agreed_on=event.agreed_on,
                obligation_count=event.obligation_count,
                total_amount_fen=event.total_amount_fen,
                confirmation_requested=event.confirmation_requested,
            )
        case MediationFailed():
            return MediationFailedV1(
                mediation_case_id=event.mediation_case_id,
                failed_on=event.failed_on,
                reason=FailureReason(event.reason),
                next_route=Route(event.next_route),
                first_received_on=event.first_received_on,
            )
    raise TypeError(f"no contract for {type(event).__name__}")
