"""Staging outgoing events in the same transaction as the state change (transactional outbox)."""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from opentelemetry import propagate
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import ContractModel, Envelope
from adr_runtime.tables import MessagingTables

MAX_MESSAGE_BYTES = 1 << 20  # the streams' max_msg_size and the NATS deployment's max_payload (1 MiB)
HEADER_ALLOWANCE = 16 * 1024  # room for the headers the relay adds (message id, signature, trace, expectation)
MAX_BODY_BYTES = MAX_MESSAGE_BYTES - HEADER_ALLOWANCE


class EventTooLarge(ValueError):
    """An event whose body could never be published: staging it fails, so its state change is refused.

    Without this check the transaction would commit and the relay would then fail on that row for ever,
    holding back every event staged after it (the outbox publishes in order).
    """

    def __init__(self, event_type: str, size: int) -> None:
        super().__init__(f"{event_type}: {size} bytes, more than the {MAX_BODY_BYTES} a message may carry")
        self.event_type = event_type
        self.size = size


def current_trace_headers() -> dict[str, str]:
    """The W3C trace context of the running span, to travel with the event."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


def message_body(document: Mapping[str, Any]) -> bytes:
    """The exact bytes the relay publishes for an outbox row's stored envelope document.

    Receipts (issue #10) compare a consumer's hash of what it received with the hash of these bytes,
    so the relay and the producer's check must both build the body here.

    Args:
        document: the row's ``envelope`` column.
    """
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def body_sha256(body: bytes) -> str:
    """SHA-256 (hex) of a message body, as receipts carry it."""
    return hashlib.sha256(body).hexdigest()


async def stage(
    session: AsyncSession,
    tables: MessagingTables,
    envelope: Envelope[Any],
    *,
    actor: str,
) -> None:
    """Writes the event to the outbox and the case history; the caller's commit publishes it.

    Args:
        session: the open transaction of the state change.
        tables: the service's messaging tables.
        envelope: the event to publish.
        actor: who caused the change (a staff account id or ``system:<service>``), for the history.
    """
    envelope = await enqueue(session, tables, envelope)
    await record_history(session, tables, envelope=envelope, actor=actor)


async def enqueue(session: AsyncSession, tables: MessagingTables, envelope: Envelope[Any]) -> Envelope[Any]:
    """Writes the event to the outbox only (no case-history line, e.g. a hand-off receipt).

    Args:
        session: the open transaction.
        tables: the service's messaging tables.
        envelope: the event to publish.

    Returns:
        The envelope as staged (with the running trace context).
    """
    headers = current_trace_headers()
    if envelope.traceparent is None and "traceparent" in headers:
        envelope = envelope.model_copy(update={"traceparent": headers["traceparent"]})
    document = envelope.model_dump(mode="json", by_alias=True, exclude_none=True)
    if (size := len(message_body(document))) > MAX_BODY_BYTES:
        raise EventTooLarge(envelope.event_type, size)
    await session.execute(
        insert(tables.outbox).values(
            event_id=envelope.event_id,
            subject=envelope.event_type,
            case_id=envelope.case_id,
            envelope=document,
            headers=headers,
            created_at=datetime.now(UTC),
        )
    )
    return envelope


async def record_history(
    session: AsyncSession,
    tables: MessagingTables,
    *,
    envelope: Envelope[ContractModel],
    actor: str,
) -> None:
    """Appends the published event to the case history (who, when, what), without personal data.

    Args:
        session: the open transaction.
        tables: the service's messaging tables.
        envelope: the event that records the change.
        actor: who caused the change.
    """
    note = HistoryNote(
        case_id=envelope.case_id,
        occurred_at=envelope.occurred_at,
        action=envelope.event_type,
        details={"summary": envelope.data.SUMMARY, "source": envelope.source},
        event_id=envelope.event_id,
    )
    await record_note(session, tables, note, actor=actor)


@dataclass(frozen=True)
class HistoryNote:
    """A change kept in the case history without being published (e.g. a stage followed)."""

    case_id: UUID | None
    occurred_at: datetime
    action: str
    details: dict[str, Any]
    event_id: UUID | None = None


async def record_note(session: AsyncSession, tables: MessagingTables, note: HistoryNote, *, actor: str) -> None:
    """Appends one line to the case history.

    Args:
        session: the open transaction.
        tables: the service's messaging tables.
        note: what happened.
        actor: who caused it.
    """
    await session.execute(
        insert(tables.case_history).values(
            case_id=note.case_id,
            occurred_at=note.occurred_at,
            actor=actor,
            action=note.action,
            event_id=note.event_id,
            details=note.details,
        )
    )
