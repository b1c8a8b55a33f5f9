"""The outbox relay: publishes committed events to JetStream in outbox order, at least once.

One relay runs per service. On PostgreSQL a transaction-scoped advisory lock makes sure of
that even with several worker replicas, so events leave in sequence order; on SQLite the
single worker process is the relay. Each event is published with ``Nats-Msg-Id`` equal to its
event id, so a republish after a crash is dropped by the stream's duplicate window, and
consumers' inboxes drop anything later.

**Windowed publishing.** Waiting for each PubAck before sending the next costs one synced disk
write per event. With a publisher that can pipeline (:class:`PipelinedPublish`, as
:func:`jetstream_publisher` does), up to ``window`` events are in flight: they are written to the
connection one after another (so the server receives them in outbox order), their PubAcks are
taken in that same order, and rows are marked published only up to the first failure, which
ends the round. Every pipelined event after the first of a round also carries
``Nats-Expected-Last-Msg-Id`` naming the event before it, so if one is refused or lost, the
server refuses every later one too rather than storing them ahead of it; the next round starts
again at the failed row, and the duplicate window drops whatever was in fact stored.

**Waking.** The relay polls every ``idle_seconds`` and is woken at once by a commit that staged
events (:mod:`adr_runtime.outbox_signal`): in its own process directly, from other processes
through PostgreSQL ``LISTEN`` (:mod:`adr_runtime.outbox_listener`).
"""

import asyncio
import contextlib
import logging
import zlib
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, Update, bindparam, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adr_runtime import metrics, outbox_signal
from adr_runtime.outbox import message_body
from adr_runtime.outbox_listener import OutboxListener
from adr_runtime.publishing import (
    EXPECTED_LAST_MSG_ID,
    JetStreamPublisher,
    PipelinedPublish,
    Publish,
    discard,
    jetstream_publisher,
    one_at_a_time,
)
from adr_runtime.tables import MessagingTables

logger = logging.getLogger(__name__)

__all__ = ["JetStreamPublisher", "PipelinedPublish", "Publish", "Relay", "jetstream_publisher"]

InFlight = deque[tuple[int, "asyncio.Future[Any]"]]


def _round_statements(tables: MessagingTables, batch: int) -> tuple[Select[Any], Update]:
    """The relay round's two statements: the pending rows in order, and marking rows published."""
    outbox = tables.outbox
    pending = (
        select(outbox.c.seq, outbox.c.event_id, outbox.c.subject, outbox.c.envelope, outbox.c.headers)
        .where(outbox.c.published_at.is_(None))
        .order_by(outbox.c.seq)
        .limit(batch)
    )
    mark = (
        update(outbox).where(outbox.c.seq.in_(bindparam("seqs", expanding=True))).values(published_at=bindparam("at"))
    )
    return pending, mark


class Relay:
    """Moves committed outbox rows to JetStream."""

    def __init__(
        self,
        *,
        service: str,
        sessions: async_sessionmaker[AsyncSession],
        tables: MessagingTables,
        publish: Publish | PipelinedPublish,
        batch: int = 200,
        idle_seconds: float = 0.2,
        window: int = 64,
        lag_seconds: float = 5.0,
        listen: bool = True,
    ) -> None:
        self._service = service
        self._sessions = sessions
        self._tables = tables
        # a plain publish function waits for its own ack: one in flight
        self._send: Callable[[str, bytes, dict[str, str]], Awaitable[asyncio.Future[Any]]] = (
            publish.send if isinstance(publish, PipelinedPublish) else one_at_a_time(publish)
        )
        self._window = max(1, window) if isinstance(publish, PipelinedPublish) else 1
        self._batch = batch
        self._idle = idle_seconds
        self._lag_every = lag_seconds
        self._listen = listen
        self._lock_key = zlib.crc32(f"outbox-relay:{service}".encode()) & 0x7FFFFFFF
        self._wake = asyncio.Event()
        self.listener: OutboxListener | None = None
        # built once: the round runs them again and again
        self._pending, self._mark = _round_statements(tables, batch)

    def wake(self) -> None:
        """Asks the loop to look at the outbox now rather than after its idle pause."""
        self._wake.set()

    async def relay_once(self) -> int:
        """Publishes up to one batch of pending rows in sequence order; returns how many left."""
        async with self._sessions() as session, session.begin():
            if not await self._hold_relay_lock(session):
                return 0
            rows = (await session.execute(self._pending)).all()
            published = await self._publish_in_order(session, rows)
            if published:
                await session.execute(self._mark, {"seqs": published, "at": datetime.now(UTC)})
        return len(published)

    async def _publish_in_order(self, session: AsyncSession, rows: Any) -> list[int]:
        in_flight: InFlight = deque()
        published: list[int] = []
        failed: tuple[int, BaseException] | None = None  # the first ack that failed
        unsent: tuple[int, BaseException] | None = None  # the row whose sending failed
        previous: str | None = None
        for row in rows:
            if len(in_flight) >= self._window and (failed := await _settle(in_flight, published)):
                break
            headers = {**(row.headers or {}), "Nats-Msg-Id": str(row.event_id)}
            if previous is not None and self._window > 1:
                headers[EXPECTED_LAST_MSG_ID] = previous
            body = message_body(row.envelope)
            try:
                in_flight.append((row.seq, await self._send(row.subject, body, headers)))
            except Exception as exc:  # nothing after a failure is sent, so order holds
                unsent = (row.seq, exc)
                break
            previous = headers["Nats-Msg-Id"]
        while in_flight and failed is None:
            failed = await _settle(in_flight, published)
        failed = failed or unsent
        for _seq, ack in in_flight:
            discard(ack)
        if failed is not None:  # the round stops here; the next one resumes from this row
            await self._record_failure(session, *failed)
            logger.warning("outbox relay paused: publish failed (%s)", type(failed[1]).__name__)
        metrics.RELAYED.labels(self._service).inc(len(published))
        return published

    async def _record_failure(self, session: AsyncSession, seq: int, exc: BaseException) -> None:
        outbox = self._tables.outbox
        await session.execute(
            update(outbox)
            .where(outbox.c.seq == seq)
            .values(attempts=outbox.c.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000])
        )

    async def _hold_relay_lock(self, session: AsyncSession) -> bool:
        if session.get_bind().dialect.name != "postgresql":
            return True
        result = await session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": self._lock_key})
        return bool(result.scalar_one())

    async def oldest_pending_age(self) -> float:
        """Seconds since the oldest unpublished event was committed (0 when none)."""
        outbox = self._tables.outbox
        async with self._sessions() as session:
            oldest = await session.scalar(select(func.min(outbox.c.created_at)).where(outbox.c.published_at.is_(None)))
        if oldest is None:
            return 0.0
        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)
        return max(0.0, (datetime.now(UTC) - oldest).total_seconds())  # type: ignore[no-any-return]

    async def run(self, stop: asyncio.Event) -> None:
        """Relays until ``stop`` is set; backs off while NATS or the database is unavailable."""
        engine = self._sessions.kw.get("bind")
        forget = outbox_signal.on_commit(engine, self.wake) if isinstance(engine, AsyncEngine) else None
        helpers = [asyncio.create_task(self._report_lag(stop), name=f"{self._service}-outbox-lag")]
        if self._listen and isinstance(engine, AsyncEngine) and engine.dialect.name == "postgresql":
            self.listener = OutboxListener(engine, self.wake)
            helpers.append(asyncio.create_task(self.listener.run(stop), name=f"{self._service}-outbox-listen"))
        try:
            await self._loop(stop)
        finally:
            if forget is not None:
                forget()
            for helper in helpers:
                helper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await helper

    async def _loop(self, stop: asyncio.Event) -> None:
        failures = 0
        while not stop.is_set():
            self._wake.clear()  # before reading, so a commit during the round is not missed
            try:
                sent = await self.relay_once()
                failures = 0
            except Exception:
                failures += 1
                logger.exception("outbox relay round failed")
                sent = 0
            if sent:
                continue
            pause = min(self._idle * (2 ** min(failures, 5)), 5.0)
            await outbox_signal.wait_any(stop, self._wake, timeout=pause)

    async def _report_lag(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                lag = await self.oldest_pending_age()
            except Exception:  # the database is away: say so rather than keep an old figure
                lag = float("nan")
            metrics.OUTBOX_LAG.labels(self._service).set(lag)
            await outbox_signal.wait_any(stop, timeout=self._lag_every)


async def _settle(in_flight: InFlight, published: list[int]) -> tuple[int, BaseException] | None:
    """Waits for the oldest PubAck in flight; notes its row as published, or returns the failure."""
    seq, ack = in_flight.popleft()
    try:
        await ack
    except asyncio.CancelledError:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise  # the relay itself is being stopped
        return seq, ConnectionError("the publish was abandoned by the client")
    except Exception as exc:
        return seq, exc
    published.append(seq)
    return None
