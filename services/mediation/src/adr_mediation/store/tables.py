"""Mediation's tables (persistence only; the domain never sees these)."""

from sqlalchemy import JSON, BigInteger, Boolean, Column, Date, Integer, String, Table, Uuid

from adr_runtime.auth.tables import auth_tables
from adr_runtime.db import UtcDateTime, new_metadata
from adr_runtime.tables import messaging_tables

metadata = new_metadata()
messaging = messaging_tables(metadata)
auth = auth_tables(metadata)  # staff accounts and the audit log (issue #3)

mediation_cases = Table(
    "mediation_cases",
    metadata,
    Column("id", Uuid, primary_key=True),
    # one mediation case per dispute: the database holds the rule even if two workers race
    Column("case_id", Uuid, nullable=False, unique=True),
    Column("registration_no", String(60), nullable=False),
    Column("agency_codes", JSON, nullable=False),
    Column("stage", String(30), nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("consent", Boolean, nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False, index=True),
    Column("opened_on", Date, nullable=False),
    Column("period_ends_on", Date, nullable=False, index=True),
    Column("first_received_on", Date, nullable=False),
    Column("agreed_on", Date, nullable=True),
    Column("obligation_count", Integer, nullable=True),
    Column("total_amount_fen", BigInteger, nullable=True),
    Column("confirmation_requested", Boolean, nullable=True),
    Column("failed_on", Date, nullable=True),
    Column("failure_reason", String(40), nullable=True),
    Column("next_route", String(30), nullable=True),
    Column("version", Integer, nullable=False),
)
