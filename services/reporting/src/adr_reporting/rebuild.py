"""Rebuilding every read model by replaying the streams from the start (``adr-reporting rebuild``).

The projections' tables are emptied and every event still in the producers' streams is applied
again, in one transaction: readers keep seeing the old figures until the new ones are complete,
and a rebuild that fails or is stopped leaves them as they were. Each stream is read through a
pull consumer of the rebuild's own (in memory on the server, no acks, in stream order) up to its
last sequence at the start, decoded once, and applied in batches of a few thousand events through
the same projection code as live consumption (``projections.project_batch``): the journal, the
disputes' rows and the early warnings' window are written with one bulk statement per batch, the
positions once per stream and batch, and the window's counts are kept in memory (one integer per
key and day). A replay that misses a message (a gap in the consumer's sequence, or fewer messages
read than the stream held) is refused and changes nothing.
Replaying is idempotent: the same events give the same rows, and a second rebuild changes nothing.
Early warnings already raised are kept (they were published), so a rebuild never raises one twice.
Stop the worker while rebuilding, or let it run: an event it applies meanwhile is in the stream
and is not lost when the rebuild commits only if it was published before the rebuild started.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from uuid import uuid4

import nats
from nats.aio.msg import Msg
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope, registry
from adr_contracts.subjects import ALL_STREAMS, parse_subject, stream_name
from adr_reporting import projections
from adr_reporting.domain.warnings import WarningRules
from adr_reporting.store.tables import (
    agencies,
    dispute_facts,
    projection_positions,
    report_facts,
    subsidy_lines,
    window_registrations,
)
from adr_reporting.store.window import FoldedWindow
from adr_runtime.consumer import StreamPosition

logger = logging.getLogger(__name__)

# the projections' tables (meetings, typical cases, notices and raised warnings are records, not projections)
PROJECTION_TABLES = (
    report_facts,
    dispute_facts,
    agencies,
    subsidy_lines,
    window_registrations,
    projection_positions,
)
STALL_SECONDS = 10  # a stream that sends nothing for this long while the rebuild waits is an error
FETCH = 1000  # messages asked of the server at a time (two requests in flight at most)
BATCH_SIZE = 2000  # events applied together: a few bulk statements each, memory bounded by the batch

Progress = Callable[[str, int, int], None]  # stream, messages read in it, messages in it


class IncompleteReplay(RuntimeError):
    """A stream's replay read fewer messages than the stream held: the rebuild must not be committed."""


@dataclass
class RebuildReport:
    """What a rebuild read and applied."""

    read: dict[str, int] = field(default_factory=dict)
    applied: int = 0
    skipped: int = 0


def read_streams() -> dict[str, set[str]]:
    """The streams reporting reads, with the subjects it reads in each."""
    streams: dict[str, set[str]] = {}
    for contract in registry.read_by("reporting"):
        streams.setdefault(stream_name(parse_subject(contract.SUBJECT).producer), set()).add(contract.SUBJECT)
    return dict(sorted(streams.items()))


async def rebuild(
    session: AsyncSession,
    js: nats.js.JetStreamContext,
    rules: WarningRules,
    *,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> RebuildReport:
    """Empties the projections and replays every stream into them, in the caller's transaction."""
    report = RebuildReport()
    for table in PROJECTION_TABLES:
        await session.execute(delete(table))
    window = await FoldedWindow.load(session)
    for stream, subjects in read_streams().items():
        info = await js.stream_info(stream)
        last = int(info.state.last_seq)
        first = int(info.state.first_seq)
        total = max(0, last - first + 1) if info.state.messages else 0
        report.read[stream] = 0
        if progress:
            progress(stream, 0, total)
        if not total:
            continue
        replay = _Replay(session, rules, window, report, stream, subjects, expected=int(info.state.messages))
        await replay.run(js, last, total, progress, batch_size)
    return report


@dataclass
class _Replay:
    """One stream's replay: messages decoded as they come, applied a batch at a time."""

    session: AsyncSession
    rules: WarningRules
    window: FoldedWindow
    report: RebuildReport
    stream: str
    subjects: set[str]
    batch: list[projections.Incoming] = field(default_factory=list)
    writing: asyncio.Task[None] | None = None  # the batch being written while the next one is decoded
    expected: int = 0  # the stream's message count when the rebuild began

    async def run(
        self, js: nats.js.JetStreamContext, last: int, total: int, progress: Progress | None, batch_size: int
    ) -> None:
        """Reads the stream up to ``last`` through a pull consumer of its own, applying a batch at a time.

        The consumer (in memory on the server, no acks, deleted at the end or after ``STALL_SECONDS``
        of disuse) hands over ``FETCH`` messages per request, and the next request is under way while
        the previous messages are decoded: the client never holds more than two fetches, so it cannot
        fall behind and drop messages as a push subscription's slow consumer would. A full batch is
        written by a task of its own while the next one is decoded (the database works while this
        process decodes); a batch waits for the previous one to be written, so they are applied in
        stream order. The reading ends at ``last``; a gap in the consumer's sequence, a fetch that
        times out or a failed write ends it with an error.
        """
        name, subscription = await _open_consumer(js, self.stream)
        fetching: asyncio.Task[list[Msg]] | None = None
        try:
            delivered = 0
            fetching = asyncio.create_task(subscription.fetch(FETCH, timeout=STALL_SECONDS))
            while fetching is not None:
                messages = await self._fetched(fetching)
                at_end = int(messages[-1].metadata.sequence.stream) >= last
                fetching = None if at_end else asyncio.create_task(subscription.fetch(FETCH, timeout=STALL_SECONDS))
                for msg in messages:
                    delivered += 1
                    if int(msg.metadata.sequence.consumer) != delivered:
                        raise IncompleteReplay(f"{self.stream}: message {delivered} was not delivered; nothing changed")
                    if await self._take(msg, last, total, progress, batch_size):
                        break
                if self.writing is not None and self.writing.done() and self.writing.exception():
                    raise self.writing.exception()  # type: ignore[misc]
            await self._written()
            self._check_complete()
        finally:
            await _cancelled(fetching)
            await _cancelled(self.writing)
            await subscription.unsubscribe()
            with contextlib.suppress(Exception):  # gone already; the server drops it after STALL_SECONDS anyway
                await js.delete_consumer(self.stream, name)

    async def _fetched(self, fetching: "asyncio.Task[list[Msg]]") -> list[Msg]:
        try:
            messages = await fetching
        except (TimeoutError, nats.errors.TimeoutError) as exc:
            raise TimeoutError(f"{self.stream}: no message for {STALL_SECONDS} s") from exc
        if not messages:  # pragma: no cover - fetch raises rather than return nothing
            raise TimeoutError(f"{self.stream}: the server sent nothing")
        return messages

    def _check_complete(self) -> None:
        # a push subscription can drop messages as a slow consumer without noticing (nats-py's ordered consumer
        # did, at 1,000,000 events); the pull consumer cannot, but the count stays as the last word: a rebuild
        # that read fewer messages than the stream held is refused (the caller rolls back)
        read = self.report.read[self.stream]
        if read < self.expected:
            raise IncompleteReplay(
                f"{self.stream}: read {read} of {self.expected} messages; nothing was changed, run the rebuild again"
            )

    async def _take(self, msg: Msg, last: int, total: int, progress: Progress | None, batch_size: int) -> bool:
        sequence = int(msg.metadata.sequence.stream)
        self.report.read[self.stream] += 1
        if msg.subject in self.subjects:
            self._decode(msg, sequence)
        if len(self.batch) >= batch_size or sequence >= last:
            await self._written()
            self.writing = asyncio.create_task(self._apply(self.batch))
            self.batch = []
            if sequence >= last:
                await self._written()
            if progress:
                progress(self.stream, self.report.read[self.stream], total)
        return sequence >= last

    async def _written(self) -> None:
        if self.writing is not None:
            await self.writing

    def _decode(self, msg: Msg, sequence: int) -> None:
        try:
            envelope = _model(msg.subject).model_validate_json(msg.data)
        except Exception:  # dead-lettered when it was first delivered: it never counted
            self.report.skipped += 1
            return
        if envelope.case_id is None and envelope.event_type not in _CASELESS:
            self.report.skipped += 1
            return
        self.batch.append(projections.Incoming.of(envelope, StreamPosition(self.stream, sequence)))

    async def _apply(self, batch: list[projections.Incoming]) -> None:
        applied = await projections.project_batch(self.session, batch, self.rules, self.window)
        self.report.applied += applied
        self.report.skipped += len(batch) - applied


async def _open_consumer(js: nats.js.JetStreamContext, stream: str) -> tuple[str, Any]:
    """A pull consumer of the stream from its start: in memory, no acks, dropped after STALL_SECONDS unused."""
    name = f"adr_rebuild_{uuid4().hex}"
    subjects = ALL_STREAMS.get(stream, [])
    config = ConsumerConfig(
        name=name,
        deliver_policy=DeliverPolicy.ALL,
        ack_policy=AckPolicy.NONE,
        filter_subject=subjects[0] if len(subjects) == 1 else None,
        inactive_threshold=float(STALL_SECONDS),
        mem_storage=True,
        num_replicas=1,
    )
    await js.add_consumer(stream, config=config)
    return name, await js.pull_subscribe_bind(name, stream=stream, pending_msgs_limit=4 * FETCH)


async def _cancelled(task: "asyncio.Task[Any] | None") -> None:
    if task is not None and not task.done():
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@cache
def _model(subject: str) -> Any:
    # the envelope class of the subject's contract, built once (pydantic builds a generic class per call)
    return Envelope[registry.contract_for(subject)]  # type: ignore[misc]


_CASELESS = frozenset({"adr.intake.directory.agency_changed.v1", "adr.mediation.subsidy.batch_approved.v1"})
