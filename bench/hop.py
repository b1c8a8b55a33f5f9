"""(b) One hop between institutions on PostgreSQL: outbox commit → JetStream → inbox commit.

The producer is intake (its outbox, relay and signing key), the consumer is reporting's durable
pull consumer on ``adr.intake.dispute.registered.v1`` (signature check, contract parsing, inbox row,
commit) with a handler that does nothing else, so the figure is the messaging plumbing only. Each
institution has its own PostgreSQL database; producer, relay and consumer share this process.

- sustained: ``events`` are committed one per transaction by a few concurrent writers (as concurrent
  requests would) as fast as they can while the relay
  and the consumer run; the rate is events / (last inbox commit - first outbox commit);
- latency: events are committed at a fixed offered rate (open loop) for ``seconds``; each event's
  latency runs from the end of its outbox commit to the end of its inbox commit;
- relay drain: the relay alone (no consumer running), ``events`` rows already committed, timed from
  the first round until every row is marked published; once waiting for each PubAck
  (``relay_window`` 1) and once with the configured window, so both run on the same machine load.
"""

import asyncio
import time
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import nats

from adr_contracts import Envelope, envelope_for
from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.vocabulary import Channel
from adr_intake.spec import SPEC as INTAKE
from adr_reporting.spec import SPEC as REPORTING
from adr_runtime.consumer import ConsumerGroup, RetryPolicy, Subscription
from adr_runtime.context import ServiceContext
from adr_runtime.deadletter import DeadLetterSink
from adr_runtime.outbox import stage
from adr_runtime.relay import Relay, jetstream_publisher
from adr_runtime.testing.service import migrated_context
from adr_runtime.worker import build_broker
from bench.infra import fresh_streams, latency_summary, scratch_database_async


def registered(case_id: UUID) -> Envelope[Any]:
    """A registration event as intake publishes it."""
    payload = DisputeRegisteredV1(
        registration_no=f"WJG-2026-{case_id.hex[:8]}",
        channel=Channel.CENTRE_WALK_IN,
        received_on=date(2026, 11, 20),
        agency_codes=["WJG-SCJ"],
        act_type="penalty",
        applicant_count=1,
    )
    return envelope_for(payload, case_id=case_id, correlation_id=uuid4())


class TimedGroup(ConsumerGroup):
    """The platform's consumer group, noting when each event's inbox transaction committed."""

    def __init__(self, done: dict[UUID, float], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.done = done

    async def _apply(self, envelope: Envelope[Any], **kwargs: Any) -> None:
        await super()._apply(envelope, **kwargs)
        self.done[envelope.event_id] = time.perf_counter()


async def _nothing(_session: Any, _envelope: Envelope[Any]) -> None:
    return None


class Hop:
    """Producer (intake's outbox and relay) and consumer (reporting's inbox) on a shared nats-server."""

    def __init__(self, producer: ServiceContext, consumer: ServiceContext, url: str) -> None:
        self.producer, self.consumer, self.url = producer, consumer, url
        self.committed: dict[UUID, float] = {}
        self.done: dict[UUID, float] = {}

    async def __aenter__(self) -> "Hop":
        self.connection = await nats.connect(self.url, name="bench-hop")
        js = self.connection.jetstream()
        settings = self.consumer.settings
        self.broker = build_broker(self.consumer)  # the worker's own broker (telemetry, nack on error)
        group = TimedGroup(
            self.done,
            service="reporting",
            sessions=self.consumer.sessions,
            tables=self.consumer.tables,
            dead_letters=DeadLetterSink(js, timeout=5.0),
            retry=RetryPolicy(),
            verifier=settings.verifier(),
        )
        group.register(self.broker, Subscription(DisputeRegisteredV1, _nothing))
        await self.broker.start()
        psettings = self.producer.settings
        self.relay = Relay(
            service="intake",
            sessions=self.producer.sessions,
            tables=self.producer.tables,
            publish=jetstream_publisher(js, timeout=5.0, signer=psettings.signer("intake")),
            batch=psettings.relay_batch,
            idle_seconds=psettings.relay_idle_seconds,
        )
        self.stop = asyncio.Event()
        self.relay_task = asyncio.create_task(self.relay.run(self.stop))
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.stop.set()
        await self.relay_task
        await self.broker.stop()
        await self.connection.close()

    async def commit_one(self) -> UUID:
        envelope = registered(uuid4())
        async with self.producer.sessions() as session, session.begin():
            await stage(session, self.producer.tables, envelope, actor="system:bench")
        self.committed[envelope.event_id] = time.perf_counter()
        return envelope.event_id

    async def wait_for(self, ids: list[UUID], timeout: float) -> None:
        deadline = time.perf_counter() + timeout
        while any(i not in self.done for i in ids):
            if time.perf_counter() > deadline:
                missing = sum(i not in self.done for i in ids)
                raise TimeoutError(f"{missing} of {len(ids)} events never reached the inbox")
            await asyncio.sleep(0.01)


async def drain_rate(producer: ServiceContext, url: str, *, events: int, window: int) -> float:
    """Events per second the relay publishes from an outbox already holding ``events`` rows."""
    for start in range(0, events, 100):  # staged 100 to a transaction: only the relay is timed
        async with producer.sessions() as session, session.begin():
            for _ in range(min(100, events - start)):
                await stage(session, producer.tables, registered(uuid4()), actor="system:bench")
    connection = await nats.connect(url, name="bench-drain")
    settings = producer.settings
    publish = jetstream_publisher(connection.jetstream(), timeout=5.0, signer=settings.signer("intake"))
    relay = Relay(
        service="intake",
        sessions=producer.sessions,
        tables=producer.tables,
        publish=publish,
        batch=settings.relay_batch,
        window=window,
    )
    try:
        started, sent = time.perf_counter(), 0
        while sent < events:
            sent += await relay.relay_once()
        return events / (time.perf_counter() - started)
    finally:
        await connection.close()


async def _sustained(hop: Hop, events: int, producers: int) -> float:
    """Events per second from the first outbox commit to the last inbox commit, ``producers`` writers at once."""
    first = time.perf_counter()
    ids: list[UUID] = []

    async def produce(count: int) -> None:
        for _ in range(count):
            ids.append(await hop.commit_one())

    share = [events // producers + (n < events % producers) for n in range(producers)]
    await asyncio.gather(*(produce(count) for count in share))
    await hop.wait_for(ids, timeout=max(60, events / 20))
    return events / (max(hop.done[i] for i in ids) - first)


async def _at_offered_rate(hop: Hop, rate: float, seconds: float) -> tuple[list[float], float]:
    """Events committed at ``rate`` per second (open loop) for ``seconds``: each one's latency from outbox
    commit to inbox commit, and the commit rate achieved."""
    ids = []
    interval = 1 / rate
    start = time.perf_counter()
    total = int(rate * seconds)
    for n in range(total):
        delay = start + n * interval - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        ids.append(await hop.commit_one())
    achieved = total / (time.perf_counter() - start)
    await hop.wait_for(ids, timeout=max(60, total / 20))
    return [hop.done[i] - hop.committed[i] for i in ids], achieved


async def run(url: str, *, events: int, rate: float, seconds: float, producers: int = 4) -> dict[str, Any]:
    """Sustained rate over ``events`` (``producers`` concurrent writers), then latency at ``rate``/s for ``seconds``."""
    async with (
        scratch_database_async("hop_intake") as producer_db,
        scratch_database_async("hop_reporting") as consumer_db,
    ):
        await fresh_streams(url)
        producer = await migrated_context(INTAKE, database_url=producer_db, nats_url=url)
        consumer = await migrated_context(REPORTING, database_url=consumer_db, nats_url=url)
        try:
            async with Hop(producer, consumer, url) as hop:
                await hop.wait_for([await hop.commit_one()], timeout=30)  # warm-up
                sustained = await _sustained(hop, events, producers)
                latencies, achieved = await _at_offered_rate(hop, rate, seconds)
            window = producer.settings.relay_window
            drain_one = await drain_rate(producer, url, events=events, window=1)
            drain_window = await drain_rate(producer, url, events=events, window=window)
        finally:
            await producer.engine.dispose()
            await consumer.engine.dispose()
    return {
        "events": events,
        "producers": producers,
        "sustained_per_s": round(sustained),
        "offered_rate_per_s": rate,
        "achieved_commit_rate_per_s": round(achieved),
        "latency": latency_summary(latencies),
        "relay_drain_window1_per_s": round(drain_one),
        f"relay_drain_window{window}_per_s": round(drain_window),
    }
