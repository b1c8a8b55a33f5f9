"""Hand-off receipts (issue #10 item 2): every transfer between institutions can be proven later.

A producer ("intake": its outbox, relay and receipt recording, on SQLite and PostgreSQL) hands an
event to a consumer (the test service "reporting", its real worker) over a real nats-server. The
consumer's receipt carries the SHA-256 of the exact body received; the producer checks it against
the body its relay built from the outbox row.
"""

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.receipts import receipt_subject
from adr_runtime import outbox
from adr_runtime.consumer import RejectedEvent
from adr_runtime.context import ServiceContext, ServiceSpec
from adr_runtime.dead_letters.desk import DeadLetterDesk
from adr_runtime.receipts.issuing import build_receipt
from adr_runtime.relay import Relay, jetstream_publisher
from adr_runtime.settings import ServiceSettings
from adr_runtime.signing import HEADER as SIGNATURE_HEADER
from adr_runtime.testing.receipts import outbox_subjects, recorded_receipts
from adr_runtime.testing.waiting import eventually
from adr_runtime.worker import start_worker

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("R2", "P2")]

RECEIPT_SUBJECT = receipt_subject("reporting", "intake")


def producer_spec() -> ServiceSpec:
    """The producing service "intake" with no subscriptions of its own: its worker only relays and records."""
    return ServiceSpec(
        name="intake",
        title="runtime test producer",
        settings_type=ServiceSettings,
        metadata=support.METADATA,
        tables=support.TABLES,
        migrations_dir=Path(__file__).parent,
        default_port=0,
        routers=lambda _ctx: [],
        subscriptions=lambda _ctx: [],
    )


@pytest.fixture
async def producer(database_url: str, nats_url: str) -> AsyncIterator[ServiceContext]:
    """The producer's resources on a fresh database (SQLite and PostgreSQL)."""
    config = ServiceSettings(database_url=database_url, nats_url=nats_url, log_json=False)
    ctx = ServiceContext.build(producer_spec(), config)
    await support.create_schema(ctx.engine)
    yield ctx
    await ctx.engine.dispose()


@pytest.fixture
async def start_producer(producer: ServiceContext) -> AsyncIterator[Callable[[], Awaitable[None]]]:
    """Starts the producer's real worker (relay and receipt subscriptions)."""
    workers: list[Any] = []

    async def start() -> None:
        worker = await start_worker(producer, asyncio.Event())
        assert worker is not None
        workers.append(worker)

    yield start
    for worker in workers:
        await worker.close()


async def _hand_off(producer: ServiceContext, jetstream: Any) -> Envelope[Any]:
    """Stages a registration at the producer and publishes it, signed, as its relay would."""
    envelope = support.registered_event(1)
    async with producer.sessions() as session, session.begin():
        await outbox.stage(session, producer.tables, envelope, actor="staff:0001")
    publish = jetstream_publisher(jetstream, timeout=5.0, signer=producer.settings.signer("intake"))
    relay = Relay(service="intake", sessions=producer.sessions, tables=producer.tables, publish=publish)
    assert await relay.relay_once() == 1
    return envelope


async def _published_body(producer: ServiceContext, jetstream: Any) -> bytes:
    message = await jetstream.get_last_msg(support.STREAM, support.SUBJECT)
    return bytes(message.data)


async def _receipts_at(producer: ServiceContext, count: int) -> list[Any]:
    async def found() -> list[Any] | None:
        rows = await recorded_receipts(producer.sessions, producer.tables)
        return rows if len(rows) >= count else None

    return list(await eventually(found, within=30.0, what=f"{count} receipt(s) recorded at the producer"))


async def test_a_hand_off_yields_one_signed_receipt_with_the_received_hash_matched_at_the_producer(
    producer: ServiceContext, start_producer: Any, jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    envelope = await _hand_off(producer, jetstream)
    consumer = await start_consumer(support.record_effect)
    await start_producer()

    [row] = await _receipts_at(producer, 1)
    body = await _published_body(producer, jetstream)
    assert row.event_id == envelope.event_id and row.subject == support.SUBJECT
    assert (row.consumer, row.durable) == ("reporting", support.DURABLE)
    assert row.sha256 == row.expected_sha256 == outbox.body_sha256(body)
    assert row.matched is True
    # the consumer staged exactly one receipt; the producer's outbox holds the event and no receipt of a receipt
    assert await outbox_subjects(consumer.ctx.sessions, consumer.ctx.tables) == [RECEIPT_SUBJECT]
    assert await outbox_subjects(producer.sessions, producer.tables) == [support.SUBJECT]
    published = await jetstream.get_last_msg("ADR_REPORTING", RECEIPT_SUBJECT)
    assert SIGNATURE_HEADER in (published.headers or {}), "the relay signs receipts like every event"
    assert json.loads(published.data)["causationid"] == str(envelope.event_id)


async def test_a_redelivery_issues_no_second_receipt(
    producer: ServiceContext, start_producer: Any, jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    envelope = await _hand_off(producer, jetstream)
    consumer = await start_consumer(support.record_effect)
    await start_producer()
    await _receipts_at(producer, 1)

    # the same event again past the duplicate window (another Nats-Msg-Id): the inbox absorbs it
    body = await _published_body(producer, jetstream)
    await jetstream.publish(support.SUBJECT, body, stream=support.STREAM, headers={"Nats-Msg-Id": str(uuid4())})
    await support.wait_until(
        lambda: support.consumer_settled(jetstream, expected_stream_seq=2), what="the redelivery to be acked"
    )
    await asyncio.sleep(0.5)  # a second receipt, if any, would be relayed and recorded by now

    assert await consumer.effects() == 1
    assert await outbox_subjects(consumer.ctx.sessions, consumer.ctx.tables) == [RECEIPT_SUBJECT]
    assert [r.event_id for r in await recorded_receipts(producer.sessions, producer.tables)] == [envelope.event_id]


@pytest.mark.parametrize("change", ["altered", "purged"])
async def test_a_receipt_that_does_not_match_the_stored_body_is_recorded_unmatched(
    change: str, producer: ServiceContext, start_producer: Any, jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    envelope = await _hand_off(producer, jetstream)
    table = producer.tables.outbox
    async with producer.sessions() as session, session.begin():
        if change == "altered":  # the producer's record no longer says what was sent
            document = await session.scalar(select(table.c.envelope).where(table.c.event_id == envelope.event_id))
            document = {**document, "data": {**document["data"], "applicant_count": 7}}
            await session.execute(update(table).where(table.c.event_id == envelope.event_id).values(envelope=document))
        else:  # past OUTBOX_RETENTION_DAYS the row is gone: nothing to compare with
            await session.execute(delete(table).where(table.c.event_id == envelope.event_id))
    await start_consumer(support.record_effect)
    await start_producer()

    [row] = await _receipts_at(producer, 1)
    assert row.matched is False
    assert row.sha256 == outbox.body_sha256(await _published_body(producer, jetstream))
    if change == "altered":
        assert row.expected_sha256 is not None and row.expected_sha256 != row.sha256
    else:
        assert row.expected_sha256 is None


def test_a_receipt_is_never_receipted_and_an_own_event_gets_none() -> None:
    envelope = support.registered_event(1)
    body = envelope.to_json()
    receipt = build_receipt(envelope, subject=support.SUBJECT, durable=support.DURABLE, body=body)
    assert receipt is not None and receipt.event_type == RECEIPT_SUBJECT
    assert receipt.data.sha256 == outbox.body_sha256(body)

    durable_at_intake = "intake__reporting_receipt_for_intake_v1"
    assert build_receipt(receipt, subject=RECEIPT_SUBJECT, durable=durable_at_intake, body=receipt.to_json()) is None
    own = "intake__intake_dispute_registered_v1"
    assert build_receipt(envelope, subject=support.SUBJECT, durable=own, body=body) is None


async def test_a_replayed_dead_letter_issues_one_receipt_hashing_the_stored_body(
    producer: ServiceContext, start_producer: Any, jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    refusing = True

    async def refuse_then_apply(session: AsyncSession, event: Envelope[Any]) -> None:
        if refusing:
            raise RejectedEvent("refused by a rule since corrected")
        await support.record_effect(session, event)

    await _hand_off(producer, jetstream)
    consumer = await start_consumer(refuse_then_apply)
    desk = DeadLetterDesk(jetstream, "reporting")
    [letter] = await eventually(desk.list, within=30.0, what="the dead letter")
    assert await outbox_subjects(consumer.ctx.sessions, consumer.ctx.tables) == []

    refusing = False
    _, applied = await desk.replay(consumer.ctx, letter.sequence)
    await start_producer()

    assert applied is True
    assert await outbox_subjects(consumer.ctx.sessions, consumer.ctx.tables) == [RECEIPT_SUBJECT]
    [row] = await _receipts_at(producer, 1)
    assert row.sha256 == outbox.body_sha256(letter.body)
    assert row.matched is True
