"""What court-bridge reads from the bus: filing decisions (M3, K1), confirmation requests (W3),
overdue obligations (M10) and warnings of patterns (K3)."""

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.intake import DisputeRoutedV1
from adr_contracts.mediation import ConfirmationRequestedV1, MediationFailedV1, ObligationOverdueV1
from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_court_bridge import handlers, inbound, translate
from adr_court_bridge.domain.errors import DomainError
from adr_court_bridge.settings import Settings
from adr_court_bridge.store.tables import messaging
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.consumer import Handler, RejectedEvent, Subscription
from adr_runtime.context import ServiceContext

Work = Callable[[Envelope[Any], CourtBridgeUnitOfWork], Coroutine[Any, Any, object]]


def _handler(actor: str, work: Work, *, needs_case: bool = True) -> Handler:
    async def handle(session: AsyncSession, envelope: Envelope[Any]) -> None:
        if needs_case and envelope.case_id is None:
            raise RejectedEvent("event without a case id")
        uow = CourtBridgeUnitOfWork(
            session, messaging, actor=actor, correlation_id=envelope.correlation_id, causation_id=envelope.event_id
        )
        try:
            await work(envelope, uow)
        except DomainError as exc:
            raise RejectedEvent(type(exc).__name__) from None

    return handle


def subscriptions(ctx: ServiceContext) -> Sequence[Subscription]:
    """Court-bridge's handlers, one per contract in whose audience it is."""
    settings = ctx.settings
    numbering = settings.numbering() if isinstance(settings, Settings) else None

    async def queue(envelope: Envelope[Any], uow: CourtBridgeUnitOfWork) -> object:
        trigger = translate.to_trigger(envelope, envelope.case_id)
        return await handlers.queue_for_filing(trigger, uow, numbering=numbering)

    async def confirmation(envelope: Envelope[Any], uow: CourtBridgeUnitOfWork) -> object:
        return await inbound.receive_confirmation_request(
            envelope.data, envelope.case_id, uow, now=envelope.occurred_at
        )

    async def obligation(envelope: Envelope[Any], uow: CourtBridgeUnitOfWork) -> object:
        return await inbound.propose_for_overdue_obligation(
            envelope.data, envelope.case_id, uow, now=envelope.occurred_at
        )

    async def warning(envelope: Envelope[Any], uow: CourtBridgeUnitOfWork) -> object:
        return await inbound.propose_for_warning(envelope.data, uow, now=envelope.occurred_at)

    return [
        Subscription(DisputeRoutedV1, _handler("system:intake", queue)),
        Subscription(MediationFailedV1, _handler("system:mediation", queue)),
        Subscription(ConfirmationRequestedV1, _handler("system:mediation", confirmation)),
        Subscription(ObligationOverdueV1, _handler("system:mediation", obligation)),
        Subscription(EarlyWarningRaisedV1, _handler("system:reporting", warning, needs_case=False)),
    ]
