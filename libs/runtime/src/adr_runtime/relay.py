"""The outbox relay: publishes committed events to JetStream in outbox order, at least once.

One relay runs per service. On PostgreSQL a transaction-scoped advisory lock makes sure of
that even with several worker replicas, so events leave in sequence order; on SQLite the
single worker process is the relay. Each event is published with ``Nats-Msg-Id`` equal to its
event id, so a republish after a crash is dropped by the stream's duplicate window, and
consumers' inboxes drop anything later.
"""

import asyncio
import contextlib
import logging
import zlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts.subjects import parse_subject, stream_name
from adr_runtime import metrics
from adr_runtime.outbox import message_body
from adr_runtime.signing import HEADER as SIGNATURE_HEADER
from adr_runtime.signing import Signer
from adr_runtime.tables import MessagingTables

logger = logging.getLogger(__name__)

Publish = Callable[[str, bytes, dict[str, str]], Awaitable[Any]]


def jetstream_publisher(js: Any, *, timeout: float, signer: Signer | None = None) -> Publish:
    """A publish function over a nats-py JetStream context that waits for the stream's ack.

    Args:
        js: ``nc.jetstream()``.
        timeout: seconds to wait for the PubAck (nats-py's own default is 0.5 s).
        signer: signs each event (subject and exact body) in the ``Adr-Signature`` header.
    """

    async def publish(subject: str, body: bytes, headers: dict[str, str]) -> Any:
        stream = stream_name(parse_subject(subject).producer)
        if signer is not None:
            headers = {**headers, SIGNATURE_HEADER: signer.sign(subject, body)}
        return await js.publish(subject, body, timeout=timeout, stream=stream, headers=headers)

    return publish


class Relay:
    """Moves committed outbox rows to JetStream."""

    def __init__(
        self,
        *,
        service: str,
        sessions: async_sessionmaker[AsyncSession],
        tables: MessagingTables,
        publish: Publish,
        batch: int = 200,
        idle_seconds: float = 0.2,
    ) -> None:
        self._service = service
        self._sessions = sessions
        self._tables = tables
        self._publish = publish
        self._batch = batch
        self._idle = idle_seconds
        self._lock_key = zlib.crc32(f"outbox-relay:{service}".encode()) & 0x7FFFFFFF
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Asks the loop to look at the outbox now rather than after its idle pause."""
        self._wake.set()

    async def relay_once(self) -> int:
        """Publishes up to one batch of pending rows in sequence order; returns how many left."""
        async with self._sessions() as session, session.begin():
            if not await self._hold_relay_lock(session):
                return 0
            outbox = self._tables.outbox
            rows = (
                await session.execute(
                    select(outbox.c.seq, outbox.c.event_id, outbox.c.subject, outbox.c.envelope, outbox.c.headers)
                    .where(outbox.c.published_at.is_(None))
                    .order_by(outbox.c.seq)
                    .limit(self._batch)
                )
            ).all()
            published = await self._publish_in_order(session, rows)
            if published:
                await session.execute(
                    update(outbox).where(outbox.c.seq.in_(published)).values(published_at=datetime.now(UTC))
                )
        return len(published)

    async def _publish_in_order(self, session: AsyncSession, rows: Any) -> list[int]:
        published: list[int] = []
        for row in rows:
            headers = {**(row.headers or {}), "Nats-Msg-Id": str(row.event_id)}
            body = message_body(row.envelope)
            try:
                await self._publish(row.subject, body, headers)
            except Exception as exc:  # stop at the first failure so that order holds; retried next round
                await self._record_failure(session, row.seq, exc)
                logger.warning("outbox relay paused: publish failed (%s)", type(exc).__name__)
                break
            published.append(row.seq)
        metrics.RELAYED.labels(self._service).inc(len(published))
        return published

    async def _record_failure(self, session: AsyncSession, seq: int, exc: Exception) -> None:
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
        return max(0.0, (datetime.now(UTC) - oldest).total_seconds())

    async def run(self, stop: asyncio.Event) -> None:
        """Relays until ``stop`` is set; backs off while NATS or the database is unavailable."""
        failures = 0
        while not stop.is_set():
            try:
                sent = await self.relay_once()
                failures = 0
            except Exception:
                failures += 1
                logger.exception("outbox relay round failed")
                sent = 0
            metrics.OUTBOX_LAG.labels(self._service).set(await self._safe_lag())
            if sent:
                continue
            pause = min(self._idle * (2 ** min(failures, 5)), 5.0)
            await _wait_any(stop, self._wake, pause)
            self._wake.clear()

    async def _safe_lag(self) -> float:
        try:
            return await self.oldest_pending_age()
        except Exception:
            return float("nan")


async def _wait_any(stop: asyncio.Event, wake: asyncio.Event, timeout: float) -> None:
    waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(wake.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter
