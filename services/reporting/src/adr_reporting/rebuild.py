"""Rebuilding every read model by replaying the streams from the start (``adr-reporting rebuild``).

The projections' tables are emptied and every event still in the producers' streams is applied
again, through the same projection code as live consumption, in one transaction: readers keep
seeing the old figures until the new ones are complete. Each stream is read with an ordered
consumer (no durable state on the server, in stream order) up to its last sequence at the start.
Replaying is idempotent: the same events give the same rows, and a second rebuild changes nothing.
Early warnings already raised are kept (they were published), so a rebuild never raises one twice.
Stop the worker while rebuilding, or let it run: an event it applies meanwhile is in the stream
and is not lost when the rebuild commits only if it was published before the rebuild started.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import nats
from nats.js.api import DeliverPolicy
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import registry
from adr_contracts.subjects import ALL_STREAMS, parse_subject, stream_name
from adr_reporting import projections
from adr_reporting.domain.warnings import WarningRules
from adr_reporting.store.tables import agencies, dispute_facts, projection_positions, report_facts, subsidy_lines
from adr_runtime.consumer import StreamPosition, current_position

logger = logging.getLogger(__name__)

# the projections' tables (meetings, typical cases, notices and raised warnings are records, not projections)
PROJECTION_TABLES = (report_facts, dispute_facts, agencies, subsidy_lines, projection_positions)

Progress = Callable[[str, int, int], None]  # stream, messages read in it, messages in it


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
    session: AsyncSession, js: nats.js.JetStreamContext, rules: WarningRules, *, progress: Progress | None = None
) -> RebuildReport:
    """Empties the projections and replays every stream into them, in the caller's transaction."""
    report = RebuildReport()
    for table in PROJECTION_TABLES:
        await session.execute(delete(table))
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
        await _replay(session, js, stream, subjects, last, rules, report, total, progress)
    return report


async def _replay(
    session: AsyncSession, js: nats.js.JetStreamContext, stream: str, subjects: set[str], last: int,
    rules: WarningRules, report: RebuildReport, total: int, progress: Progress | None,
) -> None:
    filter_subject = ALL_STREAMS[stream][0] if len(ALL_STREAMS.get(stream, [])) == 1 else ">"
    subscription = await js.subscribe(
        filter_subject, stream=stream, ordered_consumer=True, deliver_policy=DeliverPolicy.ALL
    )
    try:
        while True:
            msg = await subscription.next_msg(timeout=10)
            sequence = int(msg.metadata.sequence.stream)
            report.read[stream] += 1
            if msg.subject in subjects:
                await _apply_one(session, msg, StreamPosition(stream, sequence), rules, report)
            if progress:
                progress(stream, report.read[stream], total)
            if sequence >= last:
                break
    finally:
        await subscription.unsubscribe()


async def _apply_one(
    session: AsyncSession, msg: nats.aio.msg.Msg, position: StreamPosition, rules: WarningRules, report: RebuildReport
) -> None:
    try:
        envelope = registry.parse(msg.subject, msg.data)
    except Exception:  # dead-lettered when it was first delivered: it never counted
        report.skipped += 1
        return
    if envelope.case_id is None and envelope.event_type not in _CASELESS:
        report.skipped += 1
        return
    token = current_position.set(position)
    try:
        applied = await projections.project(session, envelope, rules)
    finally:
        current_position.reset(token)
    report.applied += applied
    report.skipped += not applied


_CASELESS = frozenset({"adr.intake.directory.agency_changed.v1", "adr.mediation.subsidy.batch_approved.v1"})
