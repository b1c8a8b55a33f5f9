"""Proof 1 (issue #2 item 6): an event published twice is stored once and applied once.

The relay may crash after JetStream stored an event but before the outbox row was marked, so the
next relay round publishes the same row again; the stream's duplicate window drops it. Past that
window a republish is stored again, and the consumer's inbox drops it.
"""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime import outbox
from adr_runtime.db import create_engine, session_factory
from adr_runtime.relay import Relay, jetstream_publisher

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("R2")]


class SimulatedCrash(BaseException):
    """The relay's process dies mid-round: its transaction never commits."""


@pytest.fixture
async def producer(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The producing service's own database (separate from the consumer's)."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'producer.db'}")
    await support.create_schema(engine)
    yield session_factory(engine)
    await engine.dispose()


async def test_a_row_republished_after_a_relay_crash_is_stored_once_and_applied_once(
    producer: async_sessionmaker[AsyncSession], jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    envelope = support.registered_event(1)
    async with producer() as session, session.begin():
        await outbox.stage(session, support.TABLES, envelope, actor="staff:0001")
    publish = jetstream_publisher(jetstream, timeout=5.0)
    acks: list[Any] = []

    async def publish_then_crash(subject: str, body: bytes, headers: dict[str, str]) -> None:
        acks.append(await publish(subject, body, headers))
        raise SimulatedCrash

    async def publish_and_keep_ack(subject: str, body: bytes, headers: dict[str, str]) -> None:
        acks.append(await publish(subject, body, headers))

    with pytest.raises(SimulatedCrash):
        await Relay(service="intake", sessions=producer, tables=support.TABLES, publish=publish_then_crash).relay_once()
    async with producer() as session:
        assert (await session.scalar(select(support.TABLES.outbox.c.published_at))) is None
    sent = await Relay(
        service="intake", sessions=producer, tables=support.TABLES, publish=publish_and_keep_ack
    ).relay_once()

    assert sent == 1
    assert [ack.duplicate for ack in acks] == [None, True]
    assert acks[0].seq == acks[1].seq == 1
    assert (await jetstream.stream_info(support.STREAM)).state.messages == 1
    consumer = await start_consumer(support.record_effect)
    await support.wait_until(
        lambda: support.consumer_settled(jetstream, expected_stream_seq=1), what="the consumer to ack the event"
    )
    assert await consumer.effects() == 1


async def test_a_republish_past_the_duplicate_window_is_absorbed_by_the_inbox(
    jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    envelope = support.registered_event(1)
    consumer = await start_consumer(support.record_effect)

    # A republish after the window is stored again, as a different Nats-Msg-Id would be.
    for message_id in (str(envelope.event_id), f"republished-{envelope.event_id}"):
        ack = await jetstream.publish(
            support.SUBJECT, envelope.to_json(), stream=support.STREAM, headers={"Nats-Msg-Id": message_id}
        )
        assert not ack.duplicate

    assert (await jetstream.stream_info(support.STREAM)).state.messages == 2
    await support.wait_until(
        lambda: support.consumer_settled(jetstream, expected_stream_seq=2), what="both copies to be acked"
    )
    assert await consumer.effects() == 1
    assert await consumer.inbox() == 1
