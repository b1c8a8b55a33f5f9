"""What the procuratorate reads from the bus: registrations it is entitled to see (P2)."""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.intake import DisputeRegisteredV1
from adr_procuratorate_bridge import translate
from adr_procuratorate_bridge.store.repository import SharedRecordRepository
from adr_runtime.consumer import Handler, RejectedEvent, Subscription
from adr_runtime.context import ServiceContext

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def _keep_shared_record(clock: Clock) -> Handler:
    async def on_intake_dispute_registered(session: AsyncSession, envelope: Envelope[Any]) -> None:
        """Keeps the shared registration with the digest of the message received."""
        if envelope.case_id is None:
            raise RejectedEvent("registration without a case id")
        await SharedRecordRepository(session).add(translate.to_record(envelope, received_at=clock()))

    return on_intake_dispute_registered


def subscriptions(ctx: ServiceContext) -> Sequence[Subscription]:
    """Procuratorate-bridge's handlers, one per contract in whose audience it is."""
    clock: Clock = ctx.extras.get("clock", utc_now)
    return [Subscription(DisputeRegisteredV1, _keep_shared_record(clock))]
