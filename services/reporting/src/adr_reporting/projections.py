"""Idempotent projections of every event reporting reads, inside the consumer's transaction.

One definition serves the live consumer (one event) and the rebuild (a batch of a few thousand):
each event is first recorded in the journal (by event id: a second delivery, or a replay over what
is already there, changes nothing); then, in stream order, its fact is merged into the dispute's
row, the directory, the subsidy ledger and the early warnings' window; the disputes' rows are
written together at the end of the batch, and each projection's stream position is moved forward
once per stream, in the same transaction.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope, envelope_for
from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_contracts.vocabulary import WarningKind
from adr_reporting import translate
from adr_reporting.domain import warnings
from adr_reporting.domain.directory import AgencyChanged
from adr_reporting.domain.facts import Fact
from adr_reporting.domain.journal import Entry, Kind
from adr_reporting.store import journal
from adr_reporting.store.agencies import AgencyRepository
from adr_reporting.store.repository import FactsRepository
from adr_reporting.store.tables import early_warnings, messaging, subsidy_lines
from adr_reporting.store.window import StoredWindow, Window
from adr_runtime import outbox
from adr_runtime.consumer import StreamPosition, current_position

_DISPUTE_KINDS = frozenset(
    {
        Kind.REGISTERED,
        Kind.FILING_REVIEWED,
        Kind.ROUTED,
        Kind.MEDIATION_OPENED,
        Kind.AGREEMENT_REACHED,
        Kind.MEDIATION_FAILED,
        Kind.CLASSIFIED,
        Kind.LEAD_AGENCY_DECIDED,
        Kind.WITHDRAWN,
    }
)
ACTOR = "system:reporting"

Handler = Callable[[AsyncSession, Envelope[Any]], Awaitable[None]]


@dataclass(frozen=True)
class Incoming:
    """An event to project, with its journal fact and where it was read."""

    envelope: Envelope[Any]
    entry: Entry
    position: StreamPosition | None

    @classmethod
    def of(cls, envelope: Envelope[Any], position: StreamPosition | None) -> "Incoming":
        """The event with the fact the journal keeps of it."""
        return cls(envelope, translate.to_entry(envelope), position)


@dataclass
class _Batch:
    """What a batch leaves to write at its end: facts per dispute, and each projection's furthest position."""

    facts: dict[UUID, list[Fact]] = field(default_factory=dict)
    marks: dict[tuple[str, str], StreamPosition] = field(default_factory=dict)

    def mark(self, projection: str, position: StreamPosition | None) -> None:
        if position is None:
            return
        current = self.marks.get((projection, position.stream))
        if current is None or current.sequence < position.sequence:
            self.marks[(projection, position.stream)] = position


async def apply_directory(session: AsyncSession, fact: AgencyChanged) -> None:
    """Merges a directory change into the unit's row (O3)."""
    repository = AgencyRepository(session)
    facts = await repository.get_for_update(fact.code)
    facts.apply(fact)
    await repository.save(facts)


async def project(session: AsyncSession, envelope: Envelope[Any], rules: warnings.WarningRules) -> bool:
    """Applies one event to every read model; False when the journal already had it (nothing changes)."""
    incoming = Incoming.of(envelope, current_position.get())
    return await project_batch(session, [incoming], rules, StoredWindow(session)) == 1


async def project_batch(
    session: AsyncSession, batch: Sequence[Incoming], rules: warnings.WarningRules, window: Window
) -> int:
    """Applies events in stream order to every read model; returns how many the journal did not have yet."""
    unique = _first_of_each(batch)
    rows = [journal.journal_row(i.entry, i.envelope.event_type, i.position) for i in unique]
    new = await journal.record(session, rows)
    state = _Batch()
    applied = [item for item in unique if item.envelope.event_id in new]
    for item in applied:
        await _fold(session, item, rules, window, state)
    await FactsRepository(session).merge_many(state.facts)
    await window.flush()
    for (projection, _), position in sorted(state.marks.items()):
        await journal.advance(session, projection, position)
    return len(applied)


def _first_of_each(batch: Sequence[Incoming]) -> list[Incoming]:
    seen: set[UUID] = set()
    unique = []
    for item in batch:
        if item.envelope.event_id not in seen:
            seen.add(item.envelope.event_id)
            unique.append(item)
    return unique


async def _fold(
    session: AsyncSession, item: Incoming, rules: warnings.WarningRules, window: Window, state: _Batch
) -> None:
    entry, envelope, position = item.entry, item.envelope, item.position
    state.mark("journal", position)
    if entry.kind in _DISPUTE_KINDS and envelope.case_id is not None:
        state.facts.setdefault(envelope.case_id, []).append(translate.to_fact(envelope))
        state.mark("disputes", position)
    elif entry.kind is Kind.AGENCY_CHANGED:
        await apply_directory(session, translate.to_directory_fact(envelope))
        state.mark("directory", position)
    elif entry.kind is Kind.SUBSIDY_APPROVED:
        await _ledger(session, entry)
        state.mark("subsidies", position)
    if await _warn(session, envelope, entry, rules, window):
        state.mark("warnings", position)


async def _ledger(session: AsyncSession, entry: Entry) -> None:
    # one batch is booked once, whichever event reports it (一案一补)
    for number, line in enumerate(entry.get("lines", []), start=1):
        await session.execute(
            journal.insert_for(session)(subsidy_lines)
            .values(
                batch_id=UUID(entry.get("batch_id")),
                line_no=number,
                period=entry.get("period"),
                approved_on=entry.on,
                mediator_id=UUID(line["mediator_id"]),
                mediation_case_id=UUID(line["mediation_case_id"]),
                basis_code=line["basis_code"],
                amount_fen=int(line["amount_fen"]),
            )
            .on_conflict_do_nothing(index_elements=["batch_id", "line_no"])
        )


async def _warn(
    session: AsyncSession, cause: Envelope[Any], entry: Entry, rules: warnings.WarningRules, window: Window
) -> bool:
    start = warnings.window_start(entry.on, rules)
    counts = await window.add(entry, start) if entry.kind is Kind.REGISTERED else {}
    candidates = warnings.from_fact(entry, counts, rules)
    for candidate in candidates:
        if not warnings.is_new(candidate, await window.last_raised(candidate.key)):
            continue
        if candidate.window_days is not None:
            candidate = replace(candidate, case_ids=await window.cases(candidate.key, start, entry.on))
        await _raise(session, cause, candidate)
        window.raised(candidate.key, candidate.raised_on)
    return bool(candidates)  # the warnings projection has considered this event


async def _raise(session: AsyncSession, cause: Envelope[Any], candidate: warnings.Candidate) -> None:
    warning_id = uuid4()
    await session.execute(
        insert(early_warnings).values(
            warning_id=warning_id,
            key=candidate.key,
            kind=candidate.kind,
            raised_on=candidate.raised_on,
            agency_code=candidate.agency_code,
            act_type=candidate.act_type,
            case_ids=[str(c) for c in candidate.case_ids],
            count=candidate.count,
            window_days=candidate.window_days,
            detail=candidate.detail,
            source_event_id=cause.event_id,
        )
    )
    payload = EarlyWarningRaisedV1(
        warning_id=warning_id,
        kind=WarningKind(candidate.kind),
        raised_on=candidate.raised_on,
        agency_code=candidate.agency_code,
        act_type=candidate.act_type,
        case_ids=list(candidate.case_ids),
        count=candidate.count,
        window_days=candidate.window_days,
    )
    single_case = candidate.window_days is None and len(candidate.case_ids) == 1
    event = envelope_for(
        payload,
        case_id=candidate.case_ids[0] if single_case else warning_id,
        correlation_id=cause.correlation_id,
        causation_id=cause.event_id,
    )
    await outbox.stage(session, messaging, event, actor=ACTOR)
