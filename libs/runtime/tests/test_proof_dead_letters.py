"""Proof 4 (issue #2 item 6) and retries: what cannot be applied goes to the dead-letter stream.

A malformed message is moved to ``ADR_DEADLETTER`` at once, with headers naming where it came
from and why (field names and error kinds only, never values), and the consumer goes on with the
next message. A transient failure is retried with a delay and applied once; a failure that never
ends is dead-lettered after ``max_deliver`` deliveries.
"""

import json
import time
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.subjects import DEADLETTER_STREAM, deadletter_subject
from adr_runtime.consumer import RejectedEvent
from adr_runtime.deadletter import (
    HEADER_CONSUMER,
    HEADER_DELIVERIES,
    HEADER_REASON,
    HEADER_SEQUENCE,
    HEADER_STREAM,
    HEADER_SUBJECT,
)

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("R2")]

FAST_RETRIES = {"retry_delays_seconds": (0.2, 0.2, 0.2, 0.2), "max_deliver": 4}
PERSONAL = ("张三", "13800000000")


async def publish(js: Any, body: bytes, message_id: str) -> int:
    ack = await js.publish(support.SUBJECT, body, stream=support.STREAM, headers={"Nats-Msg-Id": message_id})
    return int(ack.seq)


async def dead_letters(js: Any, count: int) -> list[Any]:
    """Waits (bounded) until the dead-letter stream holds ``count`` messages; returns them."""

    async def arrived() -> bool:
        return bool((await js.stream_info(DEADLETTER_STREAM)).state.messages >= count)

    await support.wait_until(arrived, what=f"{count} dead letter(s)")
    assert (await js.stream_info(DEADLETTER_STREAM)).state.messages == count
    return [await js.get_msg(DEADLETTER_STREAM, seq) for seq in range(1, count + 1)]


def malformed_fields() -> bytes:
    """A registered event whose fields are wrong, with personal data in the wrong places."""
    document = json.loads(support.registered_event(1).to_json())
    document["data"]["applicant_count"] = f"{PERSONAL[0]} {PERSONAL[1]}"
    del document["data"]["registration_no"]
    return json.dumps(document, ensure_ascii=False).encode()


async def test_malformed_messages_are_dead_lettered_and_the_next_valid_message_is_applied(
    jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    consumer = await start_consumer(support.record_effect)
    valid = support.registered_event(3)
    not_json, wrong_fields = f"not json {PERSONAL[0]}".encode(), malformed_fields()

    await publish(jetstream, not_json, "bad-1")
    await publish(jetstream, wrong_fields, "bad-2")
    await publish(jetstream, valid.to_json(), str(valid.event_id))

    letters = await dead_letters(jetstream, 2)
    await support.wait_until(lambda: support.consumer_settled(jetstream, expected_stream_seq=3), what="all acked")
    assert await consumer.effects() == 1
    assert await consumer.inbox() == 1
    for sequence, letter in enumerate(letters, start=1):
        assert letter.subject == deadletter_subject("reporting")
        assert letter.headers[HEADER_SUBJECT] == support.SUBJECT
        assert letter.headers[HEADER_STREAM] == support.STREAM
        assert letter.headers[HEADER_SEQUENCE] == str(sequence)
        assert letter.headers[HEADER_CONSUMER] == support.DURABLE
        assert letter.headers[HEADER_DELIVERIES] == "1"
        assert not any(value in letter.headers[HEADER_REASON] for value in PERSONAL)
    assert letters[0].headers[HEADER_REASON].startswith("invalid contract: ")
    assert letters[1].headers[HEADER_REASON] == (
        "invalid contract: data.registration_no: missing; data.applicant_count: int_parsing"
    )
    assert [letter.data for letter in letters] == [not_json, wrong_fields]  # kept unchanged for repair


async def test_a_rejected_event_is_dead_lettered_at_once_with_the_handlers_reason(
    jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    calls: list[str] = []

    async def refuse(session: AsyncSession, envelope: Envelope[Any]) -> None:
        calls.append(str(envelope.event_id))
        raise RejectedEvent("dispute not known here")

    consumer = await start_consumer(refuse, **FAST_RETRIES)
    event = support.registered_event(1)
    await publish(jetstream, event.to_json(), str(event.event_id))

    (letter,) = await dead_letters(jetstream, 1)
    assert letter.headers[HEADER_REASON] == "RejectedEvent: dispute not known here"
    assert calls == [str(event.event_id)]
    await support.wait_until(lambda: support.consumer_settled(jetstream, expected_stream_seq=1), what="term")
    assert (await consumer.effects(), await consumer.inbox()) == (0, 0)


async def test_a_transient_failure_is_retried_with_a_delay_and_applied_once(
    jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    attempts: list[float] = []

    async def flaky(session: AsyncSession, envelope: Envelope[Any]) -> None:
        attempts.append(time.monotonic())
        await support.record_effect(session, envelope)  # rolled back with the failed transaction
        if len(attempts) <= 2:
            raise ConnectionError("database briefly unavailable")

    consumer = await start_consumer(flaky, **FAST_RETRIES)
    event = support.registered_event(1)
    await publish(jetstream, event.to_json(), str(event.event_id))

    await support.wait_until(lambda: support.consumer_settled(jetstream, expected_stream_seq=1), what="the ack")
    assert len(attempts) == 3
    assert all(later - earlier >= 0.15 for earlier, later in zip(attempts, attempts[1:], strict=False))
    assert (await consumer.effects(), await consumer.inbox()) == (1, 1)
    assert (await jetstream.stream_info(DEADLETTER_STREAM)).state.messages == 0


async def test_a_handler_that_always_fails_is_dead_lettered_after_max_deliver_deliveries(
    jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    attempts: list[int] = []

    async def broken(session: AsyncSession, envelope: Envelope[Any]) -> None:
        attempts.append(1)
        raise ConnectionError("database down")

    consumer = await start_consumer(broken, **FAST_RETRIES)
    event = support.registered_event(1)
    await publish(jetstream, event.to_json(), str(event.event_id))

    (letter,) = await dead_letters(jetstream, 1)
    assert letter.headers[HEADER_DELIVERIES] == "4"
    assert letter.headers[HEADER_REASON] == "ConnectionError after 4 deliveries"
    assert json.loads(letter.data)["id"] == str(event.event_id)
    await support.wait_until(lambda: support.consumer_settled(jetstream, expected_stream_seq=1), what="term")
    assert len(attempts) == 4
    assert (await consumer.effects(), await consumer.inbox()) == (0, 0)
