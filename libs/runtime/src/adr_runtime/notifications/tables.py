"""The notifications tables a service keeps in its own database: the notices and one delivery per channel."""

from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)

from adr_runtime.db import UtcDateTime
from adr_runtime.tables import BigId


@dataclass(frozen=True)
class NotificationTables:
    """The notices and their deliveries."""

    notices: Table
    deliveries: Table


def notification_tables(metadata: MetaData) -> NotificationTables:
    """Adds the notice and delivery tables to a service's metadata (its Alembic environment creates them).

    Args:
        metadata: the service's own MetaData.
    """
    return NotificationTables(notices=_notices(metadata), deliveries=_deliveries(metadata))


def _notices(metadata: MetaData) -> Table:
    """One notice: what it says, to whom (a role-scoped recipient, never personal data), read and acknowledged."""
    notices = Table(
        "notices",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("template", String(80), nullable=False),
        Column("params", JSON, nullable=False),  # codes, numbers and labels only
        # staff:<subject> or applicant:<case id>; no personal data
        Column("recipient", String(200), nullable=False),
        Column("case_id", Uuid, nullable=True, index=True),
        Column("subject", Text, nullable=False),
        Column("body", Text, nullable=False),
        Column("sms_text", Text, nullable=False),
        Column("requires_ack", Boolean, nullable=False, server_default=false()),
        Column("created_at", UtcDateTime(), nullable=False),
        Column("read_at", UtcDateTime(), nullable=True),  # in-app: opened by the recipient
        Column("acknowledged_at", UtcDateTime(), nullable=True),
        Column("acknowledged_by", String(200), nullable=True),
    )
    Index("ix_notices_recipient_created", notices.c.recipient, notices.c.created_at)
    return notices


def _deliveries(metadata: MetaData) -> Table:
    """One channel's delivery of a notice, with its attempts, lease and provider reference."""
    deliveries = Table(
        "notice_deliveries",
        metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("notice_id", Uuid, ForeignKey("notices.id"), nullable=False, index=True),
        Column("channel", String(20), nullable=False),
        Column("address", Text, nullable=True),  # sealed when the service gives a sealer
        Column("address_masked", String(80), nullable=True),
        Column("status", String(20), nullable=False),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("next_attempt_at", UtcDateTime(), nullable=True),
        Column("lease_until", UtcDateTime(), nullable=True),
        Column("last_error", String(200), nullable=True),  # an error code, never personal data
        Column("provider_ref", String(200), nullable=True),
        Column("sent_at", UtcDateTime(), nullable=True),
        Column("created_at", UtcDateTime(), nullable=False),
        UniqueConstraint("notice_id", "channel"),
    )
    Index("ix_notice_deliveries_due", deliveries.c.status, deliveries.c.next_attempt_at)
    return deliveries
