"""Read-only queries behind the API (no domain objects, no events)."""

from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_court_bridge.api.schemas import FiledView, FilingEntryView, FilingQueuePage, SourceView
from adr_court_bridge.domain.errors import FilingEntryNotFound, RecordNotFound
from adr_court_bridge.store.tables import court_cases, filing_queue


def _view(row: Any) -> FilingEntryView:
    data = dict(row._mapping)
    sources = [SourceView.model_validate(s) for s in data.pop("sources")]
    first = min(sources, key=lambda s: s.at)
    data.pop("version")
    return FilingEntryView(**data, source=first.source, sources=sources)


async def filing_entry(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> FilingEntryView:
    """One dispute's entry in the filing queue."""
    async with sessions() as session:
        row = (await session.execute(select(filing_queue).where(filing_queue.c.case_id == case_id))).one_or_none()
    if row is None:
        raise FilingEntryNotFound(case_id)
    return _view(row)


async def filing_queue_page(
    sessions: async_sessionmaker[AsyncSession], *, status: str | None, limit: int, offset: int
) -> FilingQueuePage:
    """The queue, newest first (by the time the dispute was first sent to filing)."""
    query = select(filing_queue)
    if status:
        query = query.where(filing_queue.c.status == status)
    ordered = query.order_by(filing_queue.c.queued_at.desc(), filing_queue.c.case_id.desc())
    async with sessions() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        rows = (await session.execute(ordered.limit(limit).offset(offset))).all()
    return FilingQueuePage(items=[_view(r) for r in rows], total=int(total or 0))


async def filed_case(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> FiledView:
    """A filed case's number and dates."""
    async with sessions() as session:
        row = (await session.execute(select(court_cases).where(court_cases.c.case_id == case_id))).one_or_none()
    if row is None:
        raise RecordNotFound("已立案案件", case_id)
    return FiledView.model_validate(dict(row._mapping))
