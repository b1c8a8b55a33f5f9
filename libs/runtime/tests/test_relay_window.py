"""The relay with several PubAcks in flight: order on the wire, marking in sequence, failures mid-window."""

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime.publishing import EXPECTED_LAST_MSG_ID, JetStreamPublisher, jetstream_publisher
from adr_runtime.relay import Relay

from . import support
from .test_relay import outbox_rows, stage_events

pytestmark = [pytest.mark.integration, pytest.mark.clause("R2")]


class ScriptedPipeline:
    """A pipelining publisher whose PubAcks arrive late and in reverse order; chosen acks fail (1-based)."""

    def __init__(self, *, fail_acks: frozenset[int] = frozenset(), fail_sends: frozenset[int] = frozenset()) -> None:
        self.sent: list[dict[str, str]] = []
        self.outstanding: list[asyncio.Future[Any]] = []
        self.most_in_flight = 0
        self._fail_acks, self._fail_sends = fail_acks, fail_sends

    async def send(self, subject: str, body: bytes, headers: dict[str, str]) -> asyncio.Future[Any]:
        number = len(self.sent) + 1
        if number in self._fail_sends:
            raise ConnectionError("connection closed")
        self.sent.append({**headers, "number": json.loads(body)["data"]["registration_no"][-2:]})
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.outstanding = [f for f in self.outstanding if not f.done()] + [future]
        self.most_in_flight = max(self.most_in_flight, len(self.outstanding))
        # later sends are acknowledged sooner, so acks complete out of order
        asyncio.get_running_loop().call_later(0.02 / number, self._ack, future, number)
        return future

    def _ack(self, future: asyncio.Future[Any], number: int) -> None:
        if future.done():
            return
        if number in self._fail_acks:
            future.set_exception(TimeoutError("no PubAck"))
        else:
            future.set_result(number)

    @property
    def numbers(self) -> list[int]:
        return [int(headers["number"]) for headers in self.sent]


def windowed(sessions: async_sessionmaker[AsyncSession], publish: Any, *, window: int) -> Relay:
    return Relay(service="intake", sessions=sessions, tables=support.TABLES, publish=publish, window=window)


async def test_a_round_keeps_at_most_the_window_in_flight_and_sends_in_outbox_order(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    envelopes = await stage_events(sessions, 10)
    publish = ScriptedPipeline()

    assert await windowed(sessions, publish, window=4).relay_once() == 10

    assert publish.numbers == list(range(1, 11))
    assert publish.most_in_flight == 4
    ids = [str(e.event_id) for e in envelopes]
    assert [h["Nats-Msg-Id"] for h in publish.sent] == ids
    # each event after the first names the one before it, so the stream cannot store them out of order
    assert EXPECTED_LAST_MSG_ID not in publish.sent[0]
    assert [h[EXPECTED_LAST_MSG_ID] for h in publish.sent[1:]] == ids[:-1]
    assert all(row.published_at is not None for row in await outbox_rows(sessions))


async def test_a_failed_ack_mid_window_marks_nothing_after_it_and_the_next_round_resumes_there(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await stage_events(sessions, 8)
    relay = windowed(sessions, ScriptedPipeline(fail_acks=frozenset({3})), window=4)

    assert await relay.relay_once() == 2

    rows = await outbox_rows(sessions)
    assert [row.published_at is not None for row in rows] == [True, True] + [False] * 6
    assert rows[2].attempts == 1 and rows[2].last_error == "TimeoutError: no PubAck"
    assert all(row.attempts == 0 and row.last_error is None for row in rows[3:])

    again = ScriptedPipeline()
    assert await windowed(sessions, again, window=4).relay_once() == 6
    assert again.numbers == [3, 4, 5, 6, 7, 8]
    assert EXPECTED_LAST_MSG_ID not in again.sent[0]  # a new round does not assume what the stream holds
    assert all(row.published_at is not None for row in await outbox_rows(sessions))


async def test_a_send_that_fails_sends_nothing_after_it(sessions: async_sessionmaker[AsyncSession]) -> None:
    await stage_events(sessions, 6)
    publish = ScriptedPipeline(fail_sends=frozenset({4}))

    assert await windowed(sessions, publish, window=4).relay_once() == 3

    assert publish.numbers == [1, 2, 3]
    rows = await outbox_rows(sessions)
    assert [row.published_at is not None for row in rows] == [True] * 3 + [False] * 3
    assert rows[3].last_error == "ConnectionError: connection closed"


async def test_a_window_of_one_waits_for_each_ack(sessions: async_sessionmaker[AsyncSession]) -> None:
    await stage_events(sessions, 5)
    publish = ScriptedPipeline()

    assert await windowed(sessions, publish, window=1).relay_once() == 5
    assert publish.most_in_flight == 1
    assert all(EXPECTED_LAST_MSG_ID not in headers for headers in publish.sent)


class LosingPublisher(JetStreamPublisher):
    """The real publisher, except that the ``lose``-th event is lost: never stored, or its ack lost."""

    def __init__(self, js: Any, *, lose: int, stored: bool) -> None:
        super().__init__(js, timeout=5.0)
        self.lose, self.stored, self.calls = lose, stored, 0

    async def send(self, subject: str, body: bytes, headers: dict[str, str]) -> asyncio.Future[Any]:
        self.calls += 1
        if self.calls != self.lose:
            return await super().send(subject, body, headers)
        if self.stored:
            await (await super().send(subject, body, headers))
        lost: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        lost.set_exception(TimeoutError("no PubAck"))
        return lost


async def stream_ids(js: Any) -> list[str]:
    count = (await js.stream_info(support.STREAM)).state.messages
    return [(await js.get_msg(support.STREAM, seq)).headers["Nats-Msg-Id"] for seq in range(1, count + 1)]


async def stream_holds(js: Any, count: int) -> bool:
    return bool((await js.stream_info(support.STREAM)).state.messages >= count)


@pytest.mark.nats
async def test_a_windowed_relay_stores_a_long_outbox_on_jetstream_in_order(
    sessions: async_sessionmaker[AsyncSession], jetstream: Any
) -> None:
    envelopes = await stage_events(sessions, 120)
    relay = Relay(
        service="intake",
        sessions=sessions,
        tables=support.TABLES,
        publish=jetstream_publisher(jetstream, timeout=5.0),
        batch=50,
        window=16,
    )

    assert [await relay.relay_once() for _ in range(4)] == [50, 50, 20, 0]
    await support.wait_until(lambda: stream_holds(jetstream, len(envelopes)), what="the stream to store every event")
    assert await stream_ids(jetstream) == [str(e.event_id) for e in envelopes]


@pytest.mark.nats
@pytest.mark.parametrize("stored", [False, True], ids=["event-lost", "ack-lost"])
async def test_an_event_lost_mid_window_leaves_the_stream_in_outbox_order_without_gaps_or_copies(
    sessions: async_sessionmaker[AsyncSession], jetstream: Any, stored: bool
) -> None:
    envelopes = await stage_events(sessions, 12)
    ids = [str(e.event_id) for e in envelopes]
    losing = LosingPublisher(jetstream, lose=4, stored=stored)

    assert await windowed(sessions, losing, window=8).relay_once() == 3
    # lost: the server refused everything sent after the gap; ack lost: what followed it was stored
    # in order (rows 5-11: the window of 8 was full when the round reached row 12)
    expected = ids[:11] if stored else ids[:3]
    await support.wait_until(lambda: stream_holds(jetstream, len(expected)), what="the stream to store the window")
    assert await stream_ids(jetstream) == expected
    rows = await outbox_rows(sessions)
    assert [row.published_at is not None for row in rows] == [True] * 3 + [False] * 9

    assert await windowed(sessions, jetstream_publisher(jetstream, timeout=5.0), window=8).relay_once() == 9
    await support.wait_until(lambda: stream_holds(jetstream, len(ids)), what="the stream to store every event")
    assert await stream_ids(jetstream) == ids
