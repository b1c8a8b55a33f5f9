"""Idempotent consumption: remember each event a consumer applied, in the same transaction."""

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from adr_runtime.tables import MessagingTables


async def claim(session: AsyncSession, tables: MessagingTables, *, consumer: str, event_id: str, subject: str) -> bool:
    """Records that ``consumer`` applies ``event_id``; False when it already did.

    Args:
        session: the consumer's open transaction, which also holds the effect.
        tables: the service's messaging tables.
        consumer: the durable name.
        event_id: the event id (equal to the ``Nats-Msg-Id`` header).
        subject: the subject the event arrived on.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(tables.inbox)
        .values(consumer=consumer, event_id=event_id, subject=subject)
        .on_conflict_do_nothing(index_elements=["consumer", "event_id"])
    )
    result = await session.execute(statement)
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]
