"""Test helpers around hand-off receipts: what an outbox holds besides receipts, and what was recorded."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts.receipts import is_receipt
from adr_runtime.tables import MessagingTables


async def outbox_subjects(sessions: async_sessionmaker[AsyncSession], tables: MessagingTables) -> list[str]:
    """The subjects in a service's outbox, in sequence order (receipts included)."""
    async with sessions() as session:
        return list((await session.scalars(select(tables.outbox.c.subject).order_by(tables.outbox.c.seq))).all())


def without_receipts(rows: list[Any], *, subject: str = "subject") -> list[Any]:
    """Outbox rows (or their subjects) other than hand-off receipts, for tests that count a service's own events.

    Args:
        rows: rows with a ``subject`` attribute or key, or subjects themselves.
        subject: the attribute or key holding the subject.
    """

    def subject_of(row: Any) -> str:
        if isinstance(row, str):
            return row
        if isinstance(row, dict):
            return str(row[subject])
        return str(getattr(row, subject))

    return [row for row in rows if not is_receipt(subject_of(row))]


async def recorded_receipts(sessions: async_sessionmaker[AsyncSession], tables: MessagingTables) -> list[Any]:
    """The receipts a producer recorded, oldest first."""
    table = tables.handoff_receipts
    async with sessions() as session:
        return list((await session.execute(select(table).order_by(table.c.id))).all())
