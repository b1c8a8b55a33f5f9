"""Reporting's tables: read models built from events only (persistence; the domain never sees these)."""

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table, Uuid

from adr_runtime.auth.tables import auth_tables
from adr_runtime.db import UtcDateTime, new_metadata
from adr_runtime.tables import messaging_tables

metadata = new_metadata()
messaging = messaging_tables(metadata)
auth = auth_tables(metadata)  # staff accounts and the audit log (issue #3)

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
    # issue #4: classification (C2), lead agency (A1), withdrawal
    Column("classified_at", UtcDateTime(), nullable=True),
    Column("major", Boolean, nullable=True),
    Column("group_dispute", Boolean, nullable=True),
    Column("sensitive", Boolean, nullable=True),
    Column("lead_agency_code", String(40), nullable=True),
    Column("withdrawn_on", Date, nullable=True),
)

# The agency directory (O3) as intake reports it: one row per unit, liaisons counted, never named.
agencies = Table(
    "agencies",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name_zh", String(100), nullable=True),
    Column("kind", String(30), nullable=True, index=True),
    Column("liaison_count", Integer, nullable=False),
    Column("removed", Boolean, nullable=False),
    Column("changed_at", UtcDateTime(), nullable=True),
    Column("last_change", String(20), nullable=True),
)
