"""The tables every service keeps beside its own: outbox, inbox, case history and hand-off receipts.

Each service adds them to its own MetaData (one database per service), so its Alembic
environment creates them with the service's tables.
"""

from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
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
    """The outbox, inbox, case-history and hand-off-receipt tables of one service."""

    outbox: Table
    inbox: Table
    case_history: Table
    handoff_receipts: Table


def messaging_tables(metadata: MetaData) -> MessagingTables:
    """Adds the outbox, inbox, case-history and hand-off-receipt tables to a service's metadata.

    Args:
        metadata: the service's own MetaData.
    """
    return MessagingTables(
        outbox=_outbox(metadata),
        inbox=_inbox(metadata),
        case_history=_case_history(metadata),
        handoff_receipts=_handoff_receipts(metadata),
    )


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


def _handoff_receipts(metadata: MetaData) -> Table:
    # the receipts other services sent for this service's events (issue #10): what they received, and
    # whether its hash matched the body this service published (NULL expected hash: the row was gone)
    return Table(
        "handoff_receipts",
        metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("receipt_id", Uuid, nullable=False, unique=True),
        Column("event_id", Uuid, nullable=False, index=True),
        Column("subject", String(200), nullable=False),
        Column("consumer", String(60), nullable=False),
        Column("durable", String(120), nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("expected_sha256", String(64), nullable=True),
        Column("matched", Boolean, nullable=False),
        Column("received_at", UtcDateTime(), nullable=False),
        Column("recorded_at", UtcDateTime(), nullable=False, server_default=func.now()),
    )
