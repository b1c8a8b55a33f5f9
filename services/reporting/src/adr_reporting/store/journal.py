"""The journal's rows and the projections' stream positions (persistence of domain/journal.py)."""

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from adr_reporting.domain.journal import Entry, Kind
from adr_reporting.store.bulk import insert_new
from adr_reporting.store.tables import projection_positions, report_facts
from adr_runtime.consumer import StreamPosition
from adr_runtime.statements import insert_or_ignore

_POSITION_KEY = ("projection", "stream")


def insert_for(session: AsyncSession) -> Any:
    """The dialect's INSERT (with ON CONFLICT DO NOTHING)."""
    return _insert(session)


def _insert(session: AsyncSession) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def journal_row(entry: Entry, subject: str, position: StreamPosition | None) -> dict[str, Any]:
    """The journal's row of a fact read at a stream position."""
    return {
        "event_id": entry.event_id,
        "kind": entry.kind.value,
        "subject": subject,
        "case_id": entry.case_id,
        "occurred_on": entry.on,
        "agency_codes": list(entry.agency_codes),
        "data": dict(entry.data),
        "stream": position.stream if position else None,
        "stream_seq": position.sequence if position else None,
    }


async def record(session: AsyncSession, rows: list[dict[str, Any]]) -> set[UUID]:
    """Adds the facts the journal does not have yet (by event id); returns the event ids that were new."""
    return await insert_new(session, report_facts, rows, "event_id")


async def advance(session: AsyncSession, projection: str, position: StreamPosition | None) -> None:
    """Moves the projection's position on the stream forward (never back), in the caller's transaction."""
    if position is None:
        return
    now = datetime.now(UTC)
    await session.execute(
        insert_or_ignore(projection_positions, ("projection", "stream", "sequence", "updated_at"), _POSITION_KEY),
        {"projection": projection, "stream": position.stream, "sequence": 0, "updated_at": now},
    )
    await session.execute(
        update(projection_positions)
        .where(
            projection_positions.c.projection == projection,
            projection_positions.c.stream == position.stream,
            projection_positions.c.sequence < position.sequence,
        )
        .values(sequence=position.sequence, updated_at=now)
    )


async def positions(session: AsyncSession) -> dict[str, dict[str, int]]:
    """Each projection's position on each stream."""
    rows = (await session.execute(select(projection_positions))).all()
    result: dict[str, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row.projection, {})[row.stream] = int(row.sequence)
    return result


def _to_entry(row: Any) -> Entry:
    return Entry(
        event_id=row.event_id,
        kind=Kind(row.kind),
        on=row.occurred_on,
        case_id=row.case_id,
        agency_codes=tuple(row.agency_codes or ()),
        data=row.data or {},
    )


async def load(session: AsyncSession, *, until: date | None = None, kinds: tuple[Kind, ...] = ()) -> list[Entry]:
    """The facts dated on or before ``until`` (all when None), of the kinds given (all when none)."""
    query = select(report_facts)
    if until is not None:
        query = query.where(report_facts.c.occurred_on <= until)
    if kinds:
        query = query.where(report_facts.c.kind.in_([k.value for k in kinds]))
    rows = (await session.execute(query.order_by(report_facts.c.occurred_on, report_facts.c.event_id))).all()
    return [_to_entry(row) for row in rows]


async def count(session: AsyncSession) -> int:
    """How many facts the journal holds."""
    return int(await session.scalar(select(func.count()).select_from(report_facts)) or 0)


async def case_registration(session: AsyncSession, case_id: UUID) -> Entry | None:
    """The dispute's registration fact, if it has arrived."""
    query = select(report_facts).where(report_facts.c.case_id == case_id, report_facts.c.kind == Kind.REGISTERED.value)
    row = (await session.execute(query)).first()
    return _to_entry(row) if row else None
