"""Issuing a receipt for an event received from another institution, inside the consumer's transaction."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope, envelope_for
from adr_contracts.receipts import is_receipt, receipt_contract
from adr_contracts.services import SERVICES, ServiceName
from adr_contracts.subjects import parse_subject
from adr_runtime.outbox import body_sha256, enqueue
from adr_runtime.tables import MessagingTables


def consumer_of(durable: str) -> ServiceName | None:
    """The service a durable belongs to (``<consumer>__<producer>_...``), or None for a foreign name.

    Args:
        durable: a durable consumer's name.
    """
    token = durable.split("__", 1)[0].replace("_", "-")
    return next((s for s in SERVICES if s == token), None)


def build_receipt(envelope: Envelope[Any], *, subject: str, durable: str, body: bytes) -> Envelope[Any] | None:
    """The receipt for an applied event, or None when none is due.

    None for a receipt (receipts are never receipted), for an event of the consumer's own, and for a
    consumer and producer that have no receipt contract.

    Args:
        envelope: the event applied.
        subject: the subject it arrived on.
        durable: the durable that received it.
        body: the exact message body received.
    """
    consumer = consumer_of(durable)
    if consumer is None or is_receipt(subject):
        return None
    producer = parse_subject(subject).producer
    contract = receipt_contract(consumer, producer) if producer != consumer else None
    if contract is None:
        return None
    payload = contract(
        event_id=envelope.event_id,
        event_subject=subject,
        producer=producer,
        consumer=consumer,
        durable=durable,
        sha256=body_sha256(body),
        received_at=datetime.now(UTC),
    )
    return envelope_for(
        payload, case_id=envelope.case_id, correlation_id=envelope.correlation_id, causation_id=envelope.event_id
    )


async def stage_receipt(
    session: AsyncSession,
    tables: MessagingTables,
    envelope: Envelope[Any],
    *,
    subject: str,
    durable: str,
    body: bytes,
) -> Envelope[Any] | None:
    """Stages the receipt for an applied event in the consumer's outbox (the caller's transaction).

    No line goes to the case history: a receipt changes nothing about the case, and one line per
    received event would bury the changes people made. The outbox and the producer's
    ``handoff_receipts`` keep the record.

    Args:
        session: the consumer's open transaction (inbox row and effect).
        tables: the consumer's messaging tables.
        envelope: the event applied.
        subject: the subject it arrived on.
        durable: the durable that received it.
        body: the exact message body received.

    Returns:
        The receipt staged, or None when none is due.
    """
    receipt = build_receipt(envelope, subject=subject, durable=durable, body=body)
    if receipt is None:
        return None
    return await enqueue(session, tables, receipt)
