"""Anti-corruption layer: mediation's domain events to published contracts (or timeline notes)."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.mediation import (
    AgreementReachedV1,
    ConfirmationRequestedV1,
    FollowUpRecordedV1,
    MediationClosedV1,
    MediationFailedV1,
    MediationOpenedV1,
    ObligationFulfilledV1,
    ObligationOverdueV1,
    RiskAssessedV1,
    SubsidyBatchApprovedV1,
)
from adr_contracts.vocabulary import (
    ClosingOutcome,
    FailureReason,
    FollowUpOutcome,
    MediationStage,
    ObligorKind,
    RiskKind,
    RiskLevel,
    Route,
)
from adr_mediation.domain.events import (
    AgreementReached,
    ConfirmationRequested,
    DomainEvent,
    FollowUpRecorded,
    MediationClosed,
    MediationFailed,
    MediationOpened,
    Noted,
    ObligationFulfilled,
    ObligationOverdue,
    RiskAssessed,
    SubsidyBatchApproved,
)
from adr_runtime.outbox import HistoryNote


def to_envelope(
    event: DomainEvent, *, correlation_id: UUID, causation_id: UUID | None
) -> Envelope[ContractModel] | HistoryNote:
    """The contract an event is published as, in its envelope; a note goes to the case history only."""
    if isinstance(event, Noted):
        return HistoryNote(case_id=event.case_id, occurred_at=event.at, action=event.action, details=event.details)
    return envelope_for(
        to_contract(event),
        case_id=event.case_id,
        occurred_at=event.at,
        correlation_id=correlation_id,
        causation_id=causation_id,
    )


def to_contract(event: DomainEvent) -> ContractModel:
    """The payload of the contract an event is published as."""
    for kind, build in _CONTRACTS.items():
        if isinstance(event, kind):
            return build(event)
    raise TypeError(f"no contract for {type(event).__name__}")


def _mediation_opened(event: MediationOpened) -> ContractModel:
    return MediationOpenedV1(
        mediation_case_id=event.mediation_case_id,
        stage=MediationStage(event.stage),
        opened_on=event.opened_on,
        period_ends_on=event.period_ends_on,
    )


def _agreement_reached(event: AgreementReached) -> ContractModel:
    return AgreementReachedV1(
        mediation_case_id=event.mediation_case_id,
        agreed_on=event.agreed_on,
        obligation_count=event.obligation_count,
        total_amount_fen=event.total_amount_fen,
        confirmation_requested=event.confirmation_requested,
    )


def _mediation_failed(event: MediationFailed) -> ContractModel:
    return MediationFailedV1(
        mediation_case_id=event.mediation_case_id,
        failed_on=event.failed_on,
        reason=FailureReason(event.reason),
        next_route=Route(event.next_route),
        first_received_on=event.first_received_on,
    )


def _confirmation_requested(event: ConfirmationRequested) -> ContractModel:
    return ConfirmationRequestedV1(
        mediation_case_id=event.mediation_case_id, agreement_id=event.agreement_id,
        requested_on=event.requested_on, agreed_on=event.agreed_on, agency_codes=list(event.agency_codes),
        obligation_count=event.obligation_count, total_amount_fen=event.total_amount_fen,
    )


def _risk_assessed(event: RiskAssessed) -> ContractModel:
    return RiskAssessedV1(
        mediation_case_id=event.mediation_case_id, kind=RiskKind(event.kind), level=RiskLevel(event.level),
        factor_codes=list(event.factor_codes), assessed_on=event.assessed_on,
    )


def _obligation_overdue(event: ObligationOverdue) -> ContractModel:
    return ObligationOverdueV1(
        mediation_case_id=event.mediation_case_id, obligation_id=event.obligation_id,
        obligor_kind=ObligorKind(event.obligor_kind), agency_code=event.agency_code, due_on=event.due_on,
        amount_fen=event.amount_fen,
    )


def _obligation_fulfilled(event: ObligationFulfilled) -> ContractModel:
    return ObligationFulfilledV1(
        mediation_case_id=event.mediation_case_id, obligation_id=event.obligation_id,
        obligor_kind=ObligorKind(event.obligor_kind), agency_code=event.agency_code, due_on=event.due_on,
        fulfilled_on=event.fulfilled_on, late=event.late,
    )


def _mediation_closed(event: MediationClosed) -> ContractModel:
    return MediationClosedV1(
        mediation_case_id=event.mediation_case_id, outcome=ClosingOutcome(event.outcome),
        closed_on=event.closed_on,
    )


def _follow_up_recorded(event: FollowUpRecorded) -> ContractModel:
    return FollowUpRecordedV1(
        mediation_case_id=event.mediation_case_id, visited_on=event.visited_on,
        outcome=FollowUpOutcome(event.outcome), reopened=event.reopened,
    )


def _subsidy_batch_approved(event: SubsidyBatchApproved) -> ContractModel:
    return SubsidyBatchApprovedV1(
        batch_id=event.batch_id, period=event.period, approved_on=event.approved_on,
        lines=[
            SubsidyBatchApprovedV1.Line(
                mediator_id=line.mediator_id, mediation_case_id=line.mediation_case_id,
                basis_code=line.basis_code, amount_fen=line.amount_fen,
            )
            for line in event.lines
        ],
        total_fen=event.total_fen,
    )


# one builder per domain event that is published, each giving the payload of its contract
_CONTRACTS: dict[type[Any], Callable[[Any], ContractModel]] = {
    MediationOpened: _mediation_opened,
    AgreementReached: _agreement_reached,
    MediationFailed: _mediation_failed,
    ConfirmationRequested: _confirmation_requested,
    RiskAssessed: _risk_assessed,
    ObligationOverdue: _obligation_overdue,
    ObligationFulfilled: _obligation_fulfilled,
    MediationClosed: _mediation_closed,
    FollowUpRecorded: _follow_up_recorded,
    SubsidyBatchApproved: _subsidy_batch_approved,
}
