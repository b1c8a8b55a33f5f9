"""Proof of hand-offs on demand: the receipts of one event, and the hand-offs nobody has receipted yet."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import and_, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import registry
from adr_contracts.receipts import is_receipt
from adr_contracts.services import ServiceName
from adr_runtime.outbox import body_sha256, message_body
from adr_runtime.receipts.recording import Verdict, verdict_of

__all__ = ["HandoffProof", "Receipt", "Unacknowledged", "Verdict", "proof_of", "unacknowledged"]
from adr_runtime.tables import MessagingTables


@dataclass(frozen=True)
class Receipt:
    """One receipt as the producer recorded it."""

    receipt_id: UUID
    consumer: str
    durable: str
    sha256: str
    expected_sha256: str | None
    verdict: Verdict
    received_at: datetime
    recorded_at: datetime


@dataclass(frozen=True)
class HandoffProof:
    """What this service published for an event, to whom, and who has receipted it."""

    event_id: UUID
    subject: str | None
    case_id: UUID | None
    published_at: datetime | None
    published_sha256: str | None  # None: the outbox row is gone (or the event is not this service's)
    audience: list[str]
    receipts: list[Receipt]

    @property
    def missing(self) -> list[str]:
        """The readers entitled to the event that have not receipted it."""
        done = {r.consumer for r in self.receipts}
        return [reader for reader in self.audience if reader not in done]


@dataclass(frozen=True)
class Unacknowledged:
    """A published hand-off that some reader has not receipted."""

    event_id: UUID
    subject: str
    case_id: UUID | None
    published_at: datetime
    missing: list[str]


def readers_of(subject: str, producer: ServiceName) -> list[str]:
    """The other services entitled to an event (none for a receipt or an unknown subject)."""
    if is_receipt(subject) or subject not in registry.BY_SUBJECT:
        return []
    return sorted(reader for reader in registry.BY_SUBJECT[subject].AUDIENCE if reader != producer)


async def proof_of(
    session: AsyncSession, tables: MessagingTables, service: ServiceName, event_id: UUID
) -> HandoffProof:
    """The published row (if kept) and every receipt recorded for an event.

    Args:
        session: an open session.
        tables: the producer's messaging tables.
        service: the producer (this service).
        event_id: the event's id.
    """
    outbox, kept = tables.outbox, tables.handoff_receipts
    row = (await session.execute(select(outbox).where(outbox.c.event_id == event_id))).first()
    found = (await session.execute(select(kept).where(kept.c.event_id == event_id).order_by(kept.c.id))).all()
    subject = row.subject if row is not None else (found[0].subject if found else None)
    return HandoffProof(
        event_id=event_id,
        subject=subject,
        case_id=row.case_id if row is not None else None,
        published_at=row.published_at if row is not None else None,
        published_sha256=body_sha256(message_body(row.envelope)) if row is not None else None,
        audience=readers_of(subject, service) if subject else [],
        receipts=[_receipt(r) for r in found],
    )


def _receipt(row: Any) -> Receipt:
    return Receipt(
        receipt_id=row.receipt_id,
        consumer=row.consumer,
        durable=row.durable,
        sha256=row.sha256,
        expected_sha256=row.expected_sha256,
        verdict=verdict_of(row.sha256, row.expected_sha256),
        received_at=row.received_at,
        recorded_at=row.recorded_at,
    )


async def unacknowledged(
    session: AsyncSession, tables: MessagingTables, service: ServiceName, *, before: datetime, limit: int
) -> list[Unacknowledged]:
    """Published hand-offs older than ``before`` that a reader has not receipted, oldest first.

    One query per (contract, reader) pair, each using the receipts' event-id index.

    Args:
        session: an open session.
        tables: the producer's messaging tables.
        service: the producer (this service).
        before: only events published before this moment.
        limit: at most this many events.
    """
    outbox, kept = tables.outbox, tables.handoff_receipts
    missing: dict[UUID, tuple[Any, list[str]]] = {}
    for contract in registry.produced_by(service):
        for reader in readers_of(contract.SUBJECT, service):
            receipted = exists().where(and_(kept.c.event_id == outbox.c.event_id, kept.c.consumer == reader))
            query = (
                select(outbox.c.seq, outbox.c.event_id, outbox.c.subject, outbox.c.case_id, outbox.c.published_at)
                .where(outbox.c.subject == contract.SUBJECT, outbox.c.published_at < before, ~receipted)
                .order_by(outbox.c.seq)
                .limit(limit)
            )
            for row in (await session.execute(query)).all():
                missing.setdefault(row.event_id, (row, []))[1].append(reader)
    oldest = sorted(missing.values(), key=lambda item: item[0].seq)[:limit]
    return [
        Unacknowledged(
            event_id=row.event_id,
            subject=row.subject,
            case_id=row.case_id,
            published_at=row.published_at,
            missing=readers,
        )
        for row, readers in oldest
    ]


def cutoff(now: datetime, minutes: int) -> datetime:
    """The moment ``minutes`` before ``now``."""
    return now - timedelta(minutes=minutes)
