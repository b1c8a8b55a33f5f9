"""(a) The baseline: raw nats-py against the same synced nats-server.

- publish-with-ack, one message in flight at a time (what the outbox relay did until it pipelined),
  64 at a time in lockstep (``gather``), and a sliding window of 64 with ``publish_async`` (what the
  relay does now);
- pull-consume with a durable pull consumer (fetch 100, ack each message);
- an ordered consumer reading the stream from the start (what ``adr-reporting rebuild`` uses).
"""

import asyncio
import time
from collections import deque
from typing import Any

import nats
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy, StreamConfig

STREAM = "BENCH_RAW"
SUBJECT = "bench.raw.event"
PAYLOAD = b"x" * 700  # about the size of a signed CloudEvents envelope on the bus


async def run(url: str, *, messages: int) -> dict[str, Any]:
    """Measures the three rates on a stream of its own (deleted afterwards)."""
    connection = await nats.connect(url, name="bench-raw")
    js = connection.jetstream()
    try:
        await js.add_stream(StreamConfig(name=STREAM, subjects=["bench.raw.>"]))
        started = time.perf_counter()
        for _ in range(messages):
            await js.publish(SUBJECT, PAYLOAD, stream=STREAM)
        publish_rate = messages / (time.perf_counter() - started)

        window = 64
        started = time.perf_counter()
        for offset in range(0, messages, window):
            count = min(window, messages - offset)
            await asyncio.gather(*(js.publish(SUBJECT, PAYLOAD, stream=STREAM) for _ in range(count)))
        windowed_rate = messages / (time.perf_counter() - started)

        pipelined_rate = await _pipelined(js, messages, window)

        total = 3 * messages
        pull_rate = await _pull(js, total)
        ordered_rate = await _ordered(js, total)
        return {
            "messages": messages,
            "payload_bytes": len(PAYLOAD),
            "publish_ack_per_s": round(publish_rate),
            "publish_ack_window64_per_s": round(windowed_rate),
            "publish_async_window64_per_s": round(pipelined_rate),
            "pull_consume_per_s": round(pull_rate),
            "ordered_read_per_s": round(ordered_rate),
        }
    finally:
        await js.delete_stream(STREAM)
        await connection.close()


async def _pipelined(js: Any, messages: int, window: int) -> float:
    """``publish_async`` with up to ``window`` PubAcks outstanding, taken in order (what the relay does)."""
    in_flight: deque[asyncio.Future[Any]] = deque()
    started = time.perf_counter()
    for _ in range(messages):
        if len(in_flight) >= window:
            await in_flight.popleft()
        in_flight.append(await js.publish_async(SUBJECT, PAYLOAD, stream=STREAM))
    for ack in in_flight:
        await ack
    return messages / (time.perf_counter() - started)


async def _pull(js: Any, total: int) -> float:
    await js.add_consumer(
        STREAM, ConsumerConfig(durable_name="bench_pull", ack_policy=AckPolicy.EXPLICIT, max_ack_pending=10_000)
    )
    subscription = await js.pull_subscribe_bind("bench_pull", stream=STREAM)
    seen = 0
    started = time.perf_counter()
    while seen < total:
        for msg in await subscription.fetch(100, timeout=10):
            await msg.ack()
            seen += 1
    rate = total / (time.perf_counter() - started)
    await subscription.unsubscribe()
    return rate


async def _ordered(js: Any, total: int) -> float:
    subscription = await js.subscribe(SUBJECT, stream=STREAM, ordered_consumer=True, deliver_policy=DeliverPolicy.ALL)
    seen = 0
    started = time.perf_counter()
    while seen < total:
        await subscription.next_msg(timeout=10)
        seen += 1
    rate = total / (time.perf_counter() - started)
    await subscription.unsubscribe()
    return rate
