"""Read-only queries behind the API and the pages."""

from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_procuratorate_bridge.api.schemas import ReceiptView, SharedRecordPage, SharedRecordView
from adr_procuratorate_bridge.domain.errors import NotFound
from adr_procuratorate_bridge.store.tables import receipts, shared_records


async def shared_record_page(
    sessions: async_sessionmaker[AsyncSession],
    *,
    case_id: UUID | None,
    limit: int,
    offset: int,
    kind: str | None = None,
) -> SharedRecordPage:
    """Shared records, newest received first, optionally for one dispute or of one kind."""
    query = select(shared_records, receipts.c.receipt_id).join(
        receipts, receipts.c.event_id == shared_records.c.event_id, isouter=True
    )
    if case_id is not None:
        query = query.where(shared_records.c.case_id == case_id)
    if kind is not None:
        query = query.where(shared_records.c.kind == kind)
    ordered = query.order_by(shared_records.c.received_at.desc(), shared_records.c.event_id.desc())
    async with sessions() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        rows = (await session.execute(ordered.limit(limit).offset(offset))).all()
    items = [SharedRecordView.model_validate(dict(r._mapping)) for r in rows]
    return SharedRecordPage(items=items, total=int(total or 0))


async def receipt(sessions: async_sessionmaker[AsyncSession], receipt_id: UUID) -> ReceiptView:
    """One receipt with what it acknowledges."""
    query = select(receipts, shared_records.c.kind, shared_records.c.case_id).join(
        shared_records, shared_records.c.event_id == receipts.c.event_id
    )
    async with sessions() as session:
        row = (await session.execute(query.where(receipts.c.receipt_id == receipt_id))).first()
    if row is None:
        raise NotFound(f"未找到回执 {receipt_id}")
    return ReceiptView.model_validate(dict(row._mapping))
