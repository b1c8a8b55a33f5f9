"""What court-bridge reads from the bus: decisions that send a dispute to filing (M3, K1)."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.intake import DisputeRoutedV1
from adr_contracts.mediation import MediationFailedV1
from adr_court_bridge import handlers, translate
from adr_court_bridge.domain.errors import DomainError
from adr_court_bridge.store.tables import messaging
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.consumer import Handler, RejectedEvent, Subscription
from adr_runtime.context import ServiceContext


def _queue_for_filing(actor: str) -> Handler:
    async def on_filing_decision(session: AsyncSession, envelope: Envelope[Any]) -> None:
        """Queues the dispute for filing when the decision says so; other routes are acknowledged."""
        if envelope.case_id is None:
            raise RejectedEvent("routing decision without a case id")
        uow = CourtBridgeUnitOfWork(
            session, messaging, actor=actor, correlation_id=envelope.correlation_id, causation_id=envelope.event_id
        )
        try:
            await handlers.queue_for_filing(translate.to_trigger(envelope, envelope.case_id), uow)
        except DomainError as exc:
            raise RejectedEvent(type(exc).__name__) from None

    return on_filing_decision


def subscriptions(_: ServiceContext) -> Sequence[Subscription]:
    """Court-bridge's handlers, one per contract in whose audience it is."""
    return [
        Subscription(DisputeRoutedV1, _queue_for_filing("system:intake")),
        Subscription(MediationFailedV1, _queue_for_filing("system:mediation")),
    ]
