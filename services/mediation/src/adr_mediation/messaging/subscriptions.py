"""What mediation reads from the bus: intake's routing, which opens a mediation case (M3, C1)."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
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
    )
    return handlers.OpenMediation(route=routed.route.value, referral=referral)


def _on_dispute_routed(period_days: int) -> Handler:
    async def on_intake_dispute_routed(session: AsyncSession, envelope: Envelope[Any]) -> None:
        """Opens the dispute's mediation case, in the consumer's transaction; other routes are acked."""
        if envelope.case_id is None:
            raise RejectedEvent("routing event without a case id")
        uow = MediationUnitOfWork(
            session, messaging, actor="system:intake",
            correlation_id=envelope.correlation_id, causation_id=envelope.event_id,
        )
        command = _open_command(envelope.case_id, envelope.data)
        try:
            await handlers.open_mediation(command, uow, now=datetime.now(UTC), period_days=period_days)
        except DomainError as exc:
            raise RejectedEvent(type(exc).__name__) from None

    return on_intake_dispute_routed


def subscriptions(ctx: ServiceContext) -> Sequence[Subscription]:
    """Mediation's handlers, one per contract in whose audience it is."""
    settings = ctx.settings
    assert isinstance(settings, Settings)
    return [Subscription(DisputeRoutedV1, _on_dispute_routed(settings.mediation_period_days))]
