"""The tables every service keeps beside its own: outbox, inbox and case history.

Each service adds them to its own MetaData (one database per service), so its Alembic
environment creates them with the service's tables.
"""

from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    func,
)

from adr_runtime.db import UtcDateTime

BigId = BigInteger().with_variant(Integer, "sqlite")


@dataclass(frozen=True)
class MessagingTables:
    """The outbox, inbox and case-history tables of one service."""

    outbox: Table
    inbox: Table
    case_history: Table


def messaging_tables(metadata: MetaData) -> MessagingTables:
    """Adds the outbox, inbox and case-history tables to a service's metadata.

    Args:
        metadata: the service's own MetaData.
    """
    return MessagingTables(outbox=_outbox(metadata), inbox=_inbox(metadata), case_history=_case_history(metadata))


def _outbox(metadata: MetaData) -> Table:
    outbox = Table(
        "outbox",
        metadata,
        Column("seq", BigId, primary_key=True, autoincrement=True),
        Column("event_id", Uuid, nullable=False, unique=True),
        Column("subject", String(200), nullable=False),
        Column("case_id", Uuid, nullable=True),
        Column("envelope", JSON, nullable=False),
        Column("headers", JSON, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False, server_default=func.now()),
        Column("published_at", UtcDateTime(), nullable=True),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("last_error", Text, nullable=True),
    )
    Index(
        "ix_outbox_pending",
        outbox.c.seq,
        postgresql_where=outbox.c.published_at.is_(None),
        sqlite_where=outbox.c.published_at.is_(None),
    )
    return outbox


def _inbox(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("consumer", String(120), primary_key=True),
        Column("event_id", String(64), primary_key=True),
        Column("subject", String(200), nullable=False),
        Column("received_at", UtcDateTime(), nullable=False, server_default=func.now()),
    )


def _case_history(metadata: MetaData) -> Table:
    return Table(
        "case_history",
        metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("case_id", Uuid, nullable=True, index=True),
        Column("occurred_at", UtcDateTime(), nullable=False),
        Column("actor", String(120), nullable=False),
        Column("action", String(200), nullable=False),
        Column("event_id", Uuid, nullable=True),
        Column("details", JSON, nullable=False),
    )
