"""Repair of broker loss (issue #10 item 8): the producer republishes what its stream no longer holds.

A broker can lose acknowledged messages (Jepsen's 2025 analysis of NATS 2.12.1 found lost writes under
lazy fsync). The deployment syncs JetStream writes before acknowledging them, and this repair covers
what is lost anyway: a producer keeps its published outbox rows, so it can compare them with what its
stream still holds and publish the missing events again. Consumers then receive them like any other
delivery; their inbox makes a repeat harmless, so the repair may be run at any time, as often as wanted.

A republished event keeps its event id (in the body and in ``Adr-Event-Id``) but gets a fresh
``Nats-Msg-Id``, because the stream's duplicate window may still remember the original one.
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy import delete, select

from adr_contracts.services import PRODUCER_TOKEN
from adr_contracts.subjects import parse_subject, stream_name
from adr_runtime.context import ServiceContext
from adr_runtime.outbox import message_body
from adr_runtime.relay import Publish

logger = logging.getLogger(__name__)

EVENT_ID_HEADER = "Adr-Event-Id"


@dataclass(frozen=True)
class RepairReport:
    """What one repair run found and did."""

    checked: int  # published outbox rows in the window
    present: int  # of those, still in the stream
    republished: list[str]  # event ids published again, in outbox order


async def event_ids_in_stream(js: Any, stream: str, subjects: str, *, since: datetime | None) -> set[str]:
    """The event ids a stream holds (from the headers only), optionally from a point in time on."""
    config = ConsumerConfig(
        ack_policy=AckPolicy.NONE,
        headers_only=True,
        inactive_threshold=30.0,
        deliver_policy=DeliverPolicy.BY_START_TIME if since is not None else DeliverPolicy.ALL,
        opt_start_time=since,
    )
    info = await js.stream_info(stream)
    found: set[str] = set()
    if info.state.messages == 0:
        return found
    subscription = await js.pull_subscribe(subjects, stream=stream, config=config)
    try:
        while True:
            try:
                messages = await subscription.fetch(batch=500, timeout=2.0)
            except NatsTimeout:
                break
            for message in messages:
                headers = message.headers or {}
                event_id = headers.get(EVENT_ID_HEADER) or headers.get("Nats-Msg-Id")
                if event_id:
                    found.add(event_id)
            if messages and messages[-1].metadata.num_pending == 0:
                break
    finally:
        await subscription.unsubscribe()
    return found


async def repair_stream(
    ctx: ServiceContext, js: Any, publish: Publish, *, since: datetime | None = None
) -> RepairReport:
    """Publishes again every published outbox event (since ``since``) that the stream lacks.

    Args:
        ctx: the producing service.
        js: a JetStream context.
        publish: the relay's publish function (it signs what it sends).
        since: only outbox rows published from then on (the retention window); all when None.
    """
    outbox = ctx.tables.outbox
    query = select(outbox.c.seq, outbox.c.event_id, outbox.c.subject, outbox.c.envelope, outbox.c.headers).where(
        outbox.c.published_at.is_not(None)
    )
    if since is not None:
        query = query.where(outbox.c.published_at >= since)
    async with ctx.sessions() as session:
        rows = (await session.execute(query.order_by(outbox.c.seq))).all()
    present: set[str] = set()
    for producer in sorted({parse_subject(row.subject).producer for row in rows}):
        token = PRODUCER_TOKEN[producer]
        present |= await event_ids_in_stream(js, stream_name(producer), f"adr.{token}.>", since=None)
    republished: list[str] = []
    for row in rows:
        event_id = str(row.event_id)
        if event_id in present:
            continue
        attempt = len(republished) + 1
        headers = {
            **(row.headers or {}),
            EVENT_ID_HEADER: event_id,
            "Nats-Msg-Id": f"{event_id}:repair:{datetime.now().timestamp():.0f}:{attempt}",
        }
        body = message_body(row.envelope)
        await publish(row.subject, body, headers)
        republished.append(event_id)
    if republished:
        logger.warning("stream repair republished %d event(s) the stream had lost", len(republished))
    return RepairReport(checked=len(rows), present=len(rows) - len(republished), republished=republished)


async def prune_published(ctx: ServiceContext, *, before: datetime) -> int:
    """Deletes outbox rows published before ``before`` (outside the retention window); returns how many."""
    outbox = ctx.tables.outbox
    async with ctx.sessions() as session, session.begin():
        result = await session.execute(
            delete(outbox).where(outbox.c.published_at.is_not(None), outbox.c.published_at < before)
        )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def run_repair(ctx: ServiceContext, *, since: datetime | None) -> RepairReport:
    """Connects, repairs the service's stream, and disconnects (the ``repair`` command)."""
    import nats

    from adr_runtime.relay import jetstream_publisher

    connection = await nats.connect(
        ctx.settings.nats_url,
        connect_timeout=5,
        max_reconnect_attempts=2,
        **ctx.settings.ops_nats_options(ctx.spec.name),
    )
    try:
        js = connection.jetstream()
        publish = jetstream_publisher(
            js, timeout=ctx.settings.publish_timeout_seconds, signer=ctx.settings.signer(ctx.spec.name)
        )
        return await asyncio.wait_for(repair_stream(ctx, js, publish, since=since), timeout=600)
    finally:
        await connection.close()
