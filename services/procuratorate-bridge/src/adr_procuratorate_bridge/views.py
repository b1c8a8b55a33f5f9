"""Read-only queries behind the API."""

from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_procuratorate_bridge.api.schemas import SharedRecordPage, SharedRecordView
from adr_procuratorate_bridge.store.tables import shared_records


async def shared_record_page(
    sessions: async_sessionmaker[AsyncSession], *, case_id: UUID | None, limit: int, offset: int
) -> SharedRecordPage:
    """Shared records, newest received first, optionally for one dispute."""
    query = select(shared_records)
    if case_id is not None:
        query = query.where(shared_records.c.case_id == case_id)
    ordered = query.order_by(shared_records.c.received_at.desc(), shared_records.c.event_id.desc())
    async with sessions() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        rows = (await session.execute(ordered.limit(limit).offset(offset))).all()
    items = [SharedRecordView.model_validate(dict(r._mapping)) for r in rows]
    return SharedRecordPage(items=items, total=int(total or 0))
