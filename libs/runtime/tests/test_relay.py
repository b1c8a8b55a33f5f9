"""The outbox relay: order, message ids, failures, a single relay at a time, and real JetStream."""

import json
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime import outbox
from adr_runtime.relay import Relay, jetstream_publisher

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.clause("R2")]


class RecordingPublish:
    """A publish function that records its calls and can fail on chosen calls (1-based)."""

    def __init__(self, *, fail_calls: frozenset[int] = frozenset()) -> None:
        self.calls: list[tuple[str, dict[str, Any], dict[str, str]]] = []
        self._fail_calls = fail_calls

    async def __call__(self, subject: str, body: bytes, headers: dict[str, str]) -> None:
        self.calls.append((subject, json.loads(body), headers))
        if len(self.calls) in self._fail_calls:
            raise ConnectionError("nats unavailable")

    @property
    def numbers(self) -> list[int]:
        """The registration numbers published, in call order (``registered_event(n)`` has number n)."""
        return [int(document["data"]["registration_no"].rsplit("-", 1)[1]) for _, document, _ in self.calls]


async def stage_events(sessions: async_sessionmaker[AsyncSession], count: int) -> list[Any]:
    """Commits ``count`` registered events, one transaction each; returns their envelopes."""
    envelopes = [support.registered_event(n) for n in range(1, count + 1)]
    for envelope in envelopes:
        async with sessions() as session, session.begin():
            await outbox.stage(session, support.TABLES, envelope, actor="staff:0001")
    return envelopes


def relay(sessions: async_sessionmaker[AsyncSession], publish: Any, *, batch: int = 200) -> Relay:
    return Relay(service="intake", sessions=sessions, tables=support.TABLES, publish=publish, batch=batch)


async def outbox_rows(sessions: async_sessionmaker[AsyncSession]) -> list[Any]:
    async with sessions() as session:
        return list((await session.execute(select(support.TABLES.outbox).order_by(support.TABLES.outbox.c.seq))).all())


async def test_relay_publishes_pending_rows_in_order_with_the_event_id_as_message_id(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    envelopes = await stage_events(sessions, 3)
    publish = RecordingPublish()

    sent = await relay(sessions, publish).relay_once()

    assert sent == 3
    assert [subject for subject, _, _ in publish.calls] == [support.SUBJECT] * 3
    assert [document["id"] for _, document, _ in publish.calls] == [str(e.event_id) for e in envelopes]
    assert [headers["Nats-Msg-Id"] for _, _, headers in publish.calls] == [str(e.event_id) for e in envelopes]
    assert all(row.published_at is not None for row in await outbox_rows(sessions))
    assert await relay(sessions, publish).relay_once() == 0
    assert len(publish.calls) == 3


async def test_relay_sends_at_most_one_batch_per_round(sessions: async_sessionmaker[AsyncSession]) -> None:
    await stage_events(sessions, 5)
    publish = RecordingPublish()
    relay_ = relay(sessions, publish, batch=2)

    assert [await relay_.relay_once() for _ in range(4)] == [2, 2, 1, 0]
    assert publish.numbers == [1, 2, 3, 4, 5]


async def test_a_failed_publish_stops_the_round_and_the_next_round_resumes_from_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await stage_events(sessions, 3)
    publish = RecordingPublish(fail_calls=frozenset({2}))
    relay_ = relay(sessions, publish)

    assert await relay_.relay_once() == 1
    first, second, third = await outbox_rows(sessions)
    assert first.published_at is not None and first.attempts == 0
    assert second.published_at is None and second.attempts == 1
    assert second.last_error == "ConnectionError: nats unavailable"
    assert third.published_at is None and third.attempts == 0 and third.last_error is None

    assert await relay_.relay_once() == 2
    assert publish.numbers == [1, 2, 2, 3]
    assert all(row.published_at is not None for row in await outbox_rows(sessions))


async def test_relay_reports_the_age_of_the_oldest_pending_event(sessions: async_sessionmaker[AsyncSession]) -> None:
    relay_ = relay(sessions, RecordingPublish())
    assert await relay_.oldest_pending_age() == 0.0

    await stage_events(sessions, 1)
    assert 0.0 <= await relay_.oldest_pending_age() < 60.0
    await relay_.relay_once()
    assert await relay_.oldest_pending_age() == 0.0


@pytest.mark.nats
async def test_relay_publishes_to_jetstream_in_order_with_the_message_id_header(
    sessions: async_sessionmaker[AsyncSession], jetstream: Any
) -> None:
    envelopes = await stage_events(sessions, 3)

    sent = await relay(sessions, jetstream_publisher(jetstream, timeout=5.0)).relay_once()

    assert sent == 3
    stored = [await jetstream.get_msg(support.STREAM, seq) for seq in (1, 2, 3)]
    assert [m.headers["Nats-Msg-Id"] for m in stored] == [str(e.event_id) for e in envelopes]
    assert [json.loads(m.data)["id"] for m in stored] == [str(e.event_id) for e in envelopes]
    assert {m.subject for m in stored} == {support.SUBJECT}
    assert (await jetstream.stream_info(support.STREAM)).state.messages == 3
