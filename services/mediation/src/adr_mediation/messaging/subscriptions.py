"""What mediation reads from the bus: intake's routing (opens a case) and the court's filing, the agency's
resolution plan and the confirmation ruling (M3, C1, W3)."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.court import CaseFiledV1, ConfirmationRuledV1, ResolutionPlanSubmittedV1
from adr_contracts.intake import DisputeRoutedV1
from adr_mediation import handlers
from adr_mediation.domain.errors import DomainError
from adr_mediation.domain.model import Referral
from adr_mediation.settings import Settings
from adr_mediation.store.tables import messaging
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.consumer import Handler, RejectedEvent, Subscription
from adr_runtime.context import ServiceContext


def _open_command(case_id: UUID, routed: DisputeRoutedV1) -> handlers.OpenMediation:
    referral = Referral(
        case_id=case_id,
        reason_code=routed.reason_code,
        routed_on=routed.routed_on,
        first_received_on=routed.first_received_on,
        registration_no=routed.registration_no,
        agency_codes=tuple(routed.agency_codes),
        consent=routed.mediation_consent,
        channel=routed.channel.value if routed.channel else None,
        restricted_to=tuple(routed.restricted_to),
    )
    return handlers.OpenMediation(route=routed.route.value, referral=referral)


def _uow(session: AsyncSession, envelope: Envelope[Any], actor: str) -> MediationUnitOfWork:
    return MediationUnitOfWork(
        session, messaging, actor=actor, correlation_id=envelope.correlation_id, causation_id=envelope.event_id
    )


def _case_id(envelope: Envelope[Any]) -> UUID:
    if envelope.case_id is None:
        raise RejectedEvent("event without a case id")
    return envelope.case_id


def _on_dispute_routed(period_days: int) -> Handler:
    async def on_intake_dispute_routed(session: AsyncSession, envelope: Envelope[Any]) -> None:
        """Opens the dispute's mediation case, in the consumer's transaction; other routes are acked."""
        command = _open_command(_case_id(envelope), envelope.data)
        try:
            await handlers.open_mediation(
                command, _uow(session, envelope, "system:intake"), now=datetime.now(UTC), period_days=period_days
            )
        except DomainError as exc:
            raise RejectedEvent(type(exc).__name__) from None

    return on_intake_dispute_routed


async def on_court_case_filed(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Marks the mediation case as filed in court, closing the filing hand-off on its timeline."""
    filed: CaseFiledV1 = envelope.data
    await handlers.case_filed_in_court(
        _uow(session, envelope, "system:court-bridge"), _case_id(envelope), court_case_no=filed.court_case_no,
        filed_on=filed.filed_on, now=envelope.occurred_at,
    )


async def on_resolution_plan_submitted(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Keeps the agency's resolution plan (with its version) for the dispute's workspace timeline."""
    plan: ResolutionPlanSubmittedV1 = envelope.data
    await handlers.resolution_plan_submitted(
        _uow(session, envelope, "system:court-bridge"), _case_id(envelope), plan_id=plan.plan_id,
        version=plan.version, agency_code=plan.agency_code, submitted_on=plan.submitted_on,
        defence_due_on=plan.defence_due_on, on_time=plan.on_time, evidence_count=plan.evidence_count,
        now=envelope.occurred_at,
    )


async def on_confirmation_ruled(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Records the court's ruling on the agreement; a confirmed agreement becomes enforceable (W3)."""
    ruling: ConfirmationRuledV1 = envelope.data
    try:
        await handlers.record_ruling(
            _uow(session, envelope, "system:court-bridge"), ruling.mediation_case_id,
            agreement_id=ruling.agreement_id, outcome=ruling.outcome.value, ruling_no=ruling.ruling_no,
            ruled_on=ruling.ruled_on, now=envelope.occurred_at,
        )
    except DomainError as exc:
        raise RejectedEvent(type(exc).__name__) from None


def subscriptions(ctx: ServiceContext) -> Sequence[Subscription]:
    """Mediation's handlers, one per contract in whose audience it is."""
    settings = ctx.settings
    assert isinstance(settings, Settings)
    return [
        Subscription(DisputeRoutedV1, _on_dispute_routed(settings.mediation_period_days)),
        Subscription(CaseFiledV1, on_court_case_filed),
        Subscription(ResolutionPlanSubmittedV1, on_resolution_plan_submitted),
        Subscription(ConfirmationRuledV1, on_confirmation_ruled),
    ]
