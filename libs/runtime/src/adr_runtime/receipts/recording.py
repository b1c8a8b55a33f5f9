"""Recording, at the producer, the receipts other institutions send for its events.

Every service reads the receipts addressed to it (one durable per institution that reads any of its
contracts). Each receipt is kept in ``handoff_receipts`` with the verdict of one check: the SHA-256 the
receiver reports against the SHA-256 of the body this service's relay built from the outbox row.
A mismatch, or a row already gone (older than ``OUTBOX_RETENTION_DAYS``), is recorded as not matched,
logged without personal data, and counted in ``adr_handoff_receipts_total``.
"""

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from prometheus_client import Counter
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.receipts import HandoffReceipt, receipts_addressed_to
from adr_contracts.services import ServiceName
from adr_runtime.consumer import Subscription
from adr_runtime.outbox import body_sha256, message_body
from adr_runtime.tables import MessagingTables

if TYPE_CHECKING:
    from adr_runtime.context import ServiceContext

logger = logging.getLogger(__name__)

RECORDED = Counter(
    "adr_handoff_receipts_total", "Hand-off receipts recorded by the producer, by verdict", ["service", "verdict"]
)


class Verdict(StrEnum):
    """What the producer's check of a receipt found."""

    MATCHED = "matched"  # the receiver got exactly the bytes this service published
    MISMATCH = "mismatch"  # the receiver reports another hash than the published body's
    UNKNOWN = "unknown"  # the outbox row is gone (retention), so nothing to compare with


def verdict_of(sha256: str, expected: str | None) -> Verdict:
    """The verdict for a reported hash and the published body's hash (None: the row is gone)."""
    if expected is None:
        return Verdict.UNKNOWN
    return Verdict.MATCHED if sha256 == expected else Verdict.MISMATCH


async def published_sha256(session: AsyncSession, tables: MessagingTables, event_id: Any) -> str | None:
    """SHA-256 of the body the relay publishes for an outbox row; None when there is no such row.

    Args:
        session: an open session.
        tables: the producer's messaging tables.
        event_id: the event's id.
    """
    outbox = tables.outbox
    document = await session.scalar(select(outbox.c.envelope).where(outbox.c.event_id == event_id))
    return None if document is None else body_sha256(message_body(document))


async def record_receipt(
    session: AsyncSession, tables: MessagingTables, service: ServiceName, envelope: Envelope[Any]
) -> Verdict:
    """Checks one receipt against the outbox and keeps it (the caller's transaction, with the inbox row).

    Args:
        session: the open transaction.
        tables: the producer's messaging tables.
        service: the producer (this service).
        envelope: the receipt.
    """
    receipt: HandoffReceipt = envelope.data
    expected = await published_sha256(session, tables, receipt.event_id)
    verdict = verdict_of(receipt.sha256, expected)
    await session.execute(
        insert(tables.handoff_receipts).values(
            receipt_id=envelope.event_id,
            event_id=receipt.event_id,
            subject=receipt.event_subject,
            consumer=receipt.consumer,
            durable=receipt.durable,
            sha256=receipt.sha256,
            expected_sha256=expected,
            matched=verdict is Verdict.MATCHED,
            received_at=receipt.received_at,
            recorded_at=datetime.now(UTC),
        )
    )
    RECORDED.labels(service, verdict.value).inc()
    if verdict is not Verdict.MATCHED:
        logger.warning(
            "hand-off receipt does not match the published event (%s)",
            verdict.value,
            extra={"event_id": str(receipt.event_id), "consumer": receipt.consumer, "subject": receipt.event_subject},
        )
    return verdict


def receipt_subscriptions(service: ServiceName, tables: MessagingTables) -> list[Subscription]:
    """One subscription per receipt contract addressed to ``service``.

    Args:
        service: the producer.
        tables: its messaging tables.
    """

    async def on_receipt(session: AsyncSession, envelope: Envelope[Any]) -> None:
        await record_receipt(session, tables, service, envelope)

    return [Subscription(contract, on_receipt) for contract in receipts_addressed_to(service)]


def all_subscriptions(ctx: "ServiceContext") -> Sequence[Subscription]:
    """The service's own subscriptions and the receipts addressed to it (what its worker binds).

    Args:
        ctx: the process's resources.
    """
    return [*ctx.spec.subscriptions(ctx), *receipt_subscriptions(ctx.spec.name, ctx.tables)]
