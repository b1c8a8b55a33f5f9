"""Idempotent consumption: remember each event a consumer applied, in the same transaction."""

from sqlalchemy.ext.asyncio import AsyncSession

from adr_runtime.statements import insert_or_ignore
from adr_runtime.tables import MessagingTables


async def claim(session: AsyncSession, tables: MessagingTables, *, consumer: str, event_id: str, subject: str) -> bool:
    """Records that ``consumer`` applies ``event_id``; False when it already did.

    Args:
        session: the consumer's open transaction, which also holds the effect.
        tables: the service's messaging tables.
        consumer: the durable name.
        event_id: the event id (equal to the ``Nats-Msg-Id`` header).
        subject: the subject it arrived on.
    """
    statement = insert_or_ignore(tables.inbox, ("consumer", "event_id", "subject"), ("consumer", "event_id"))
    result = await session.execute(statement, {"consumer": consumer, "event_id": event_id, "subject": subject})
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]
