"""Reporting's tables: read models built from events only (persistence; the domain never sees these)."""

from sqlalchemy import JSON, Boolean, Column, Date, String, Table, Uuid

from adr_runtime.db import UtcDateTime, new_metadata
from adr_runtime.tables import messaging_tables

metadata = new_metadata()
messaging = messaging_tables(metadata)

# One row per dispute. Every column but the key may be empty: events arrive in any order across
# streams, so the row is created with whatever arrives first and filled in later. No personal data.
dispute_facts = Table(
    "dispute_facts",
    metadata,
    Column("case_id", Uuid, primary_key=True),
    Column("registration_no", String(60), nullable=True),
    Column("channel", String(40), nullable=True, index=True),
    Column("received_on", Date, nullable=True),
    Column("registered_at", UtcDateTime(), nullable=True, index=True),
    Column("agency_codes", JSON(none_as_null=True), nullable=True),
    Column("act_type", String(60), nullable=True),
    Column("filing_reviewed_at", UtcDateTime(), nullable=True),
    Column("mediable", Boolean, nullable=True),
    Column("route", String(30), nullable=True, index=True),
    Column("routed_on", Date, nullable=True),
    Column("mediation_status", String(20), nullable=True, index=True),
    Column("mediation_opened_on", Date, nullable=True),
    Column("mediation_agreed_on", Date, nullable=True),
    Column("mediation_failed_on", Date, nullable=True),
)
