"""Court-bridge's tables (persistence only; the domain never sees these)."""

from sqlalchemy import JSON, Column, Date, Integer, String, Table, Uuid

from adr_runtime.auth.tables import auth_tables
from adr_runtime.db import UtcDateTime, new_metadata
from adr_runtime.tables import messaging_tables

metadata = new_metadata()
messaging = messaging_tables(metadata)
auth = auth_tables(metadata)  # staff accounts and the audit log (issue #3)

# One row per dispute sent to filing (the primary key is the case id, so a second trigger
# can never add a second row); `sources` lists every trigger in the order it arrived.
filing_queue = Table(
    "filing_queue",
    metadata,
    Column("case_id", Uuid, primary_key=True),
    Column("status", String(30), nullable=False, index=True),
    Column("registration_no", String(60), nullable=True),
    Column("agency_codes", JSON, nullable=False),
    Column("first_received_on", Date, nullable=False),
    Column("queued_on", Date, nullable=False),
    Column("queued_at", UtcDateTime(), nullable=False, index=True),
    Column("mediation_case_id", Uuid, nullable=True),
    Column("failure_reason", String(40), nullable=True),
    Column("sources", JSON, nullable=False),
    Column("version", Integer, nullable=False),
)
