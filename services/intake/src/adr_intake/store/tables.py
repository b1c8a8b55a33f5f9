"""Intake's tables (persistence only; the domain never sees these)."""

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table, Text, Uuid

from adr_runtime.db import UtcDateTime, new_metadata
from adr_runtime.tables import messaging_tables

metadata = new_metadata()
messaging = messaging_tables(metadata)

disputes = Table(
    "disputes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("registration_no", String(60), nullable=False, unique=True),
    Column("channel", String(40), nullable=False, index=True),
    Column("received_on", Date, nullable=False),
    Column("registered_at", UtcDateTime(), nullable=False, index=True),
    Column("agency_codes", JSON, nullable=False),
    Column("act_type", String(60), nullable=False),
    # personal data: encrypted at rest from the intake issue (#4) on
    Column("applicants", JSON, nullable=False),
    Column("claims_summary", Text, nullable=False),
    Column("mediation_consent", Boolean, nullable=False),
    Column("stage", String(40), nullable=False, index=True),
    Column("route", String(30), nullable=True),
    Column("version", Integer, nullable=False),
)

registration_counters = Table(
    "registration_counters",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)
