"""Mediation's tables (persistence only; the domain never sees these)."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

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
    Column("period_provisional", Boolean, nullable=False, server_default="0"),
    Column("extended_days", Integer, nullable=False, server_default="0"),
    Column("first_received_on", Date, nullable=False),
    Column("restricted_to", JSON(none_as_null=True), nullable=True),  # None: not restricted (O3)
    Column("difficulty", String(20), nullable=False, server_default="ordinary"),
    Column("agreement_id", Uuid, nullable=True),
    Column("failed_on", Date, nullable=True),
    Column("failure_reason", String(40), nullable=True),
    Column("next_route", String(30), nullable=True),
    Column("closed_on", Date, nullable=True, index=True),
    Column("closing_outcome", String(30), nullable=True),
    Column("court_case_no", String(80), nullable=True),
    Column("filed_on", Date, nullable=True),
    Column("reopened_count", Integer, nullable=False, server_default="0"),
    Column("version", Integer, nullable=False),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("mediation_case_id", Uuid, ForeignKey("mediation_cases.id"), nullable=False, index=True),
    Column("drafted_on", Date, nullable=False),
    Column("terms", Text, nullable=False),
    Column("confirmation_requested", Boolean, nullable=False),
    Column("signatures", JSON, nullable=False),
    Column("agreed_on", Date, nullable=True),
    Column("confirmation_requested_on", Date, nullable=True),
    Column("ruling_outcome", String(20), nullable=True),
    Column("ruling_no", String(80), nullable=True),
    Column("ruled_on", Date, nullable=True),
)

obligations = Table(
    "obligations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("agreement_id", Uuid, ForeignKey("agreements.id"), nullable=False, index=True),
    Column("mediation_case_id", Uuid, nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("obligor_kind", String(20), nullable=False),
    Column("agency_code", String(40), nullable=True),
    Column("description", Text, nullable=False),
    Column("amount_fen", BigInteger, nullable=True),
    Column("due_on", Date, nullable=False, index=True),
    Column("fulfilled_on", Date, nullable=True),
    Column("evidence_note", Text, nullable=True),
    Column("overdue_noticed_on", Date, nullable=True),
)

people = Table(
    "people",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("username", String(100), nullable=True, index=True),
    Column("agency_code", String(40), nullable=True),
    Column("legal_aid", Boolean, nullable=False),
    Column("declared_conflicts", JSON, nullable=False),
    Column("active", Boolean, nullable=False),
)

assignments = Table(
    "assignments",
    metadata,
    Column("mediation_case_id", Uuid, ForeignKey("mediation_cases.id"), primary_key=True),
    Column("person_id", Uuid, ForeignKey("people.id"), primary_key=True),
    Column("role", String(20), nullable=False),  # lead, co, handler
    Column("assigned_at", UtcDateTime(), nullable=False),
)

sessions = Table(
    "mediation_sessions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("mediation_case_id", Uuid, ForeignKey("mediation_cases.id"), nullable=False, index=True),
    Column("starts_at", UtcDateTime(), nullable=False, index=True),
    Column("ends_at", UtcDateTime(), nullable=False),
    Column("place", String(200), nullable=False),
    Column("status", String(20), nullable=False),  # scheduled, held, cancelled
    Column("minutes", Text, nullable=True),
)

session_people = Table(
    "session_people",
    metadata,
    Column("session_id", Uuid, ForeignKey("mediation_sessions.id"), primary_key=True),
    Column("person_id", Uuid, ForeignKey("people.id"), primary_key=True),
    Column("starts_at", UtcDateTime(), nullable=False),
    Column("ends_at", UtcDateTime(), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("attended", Boolean, nullable=True),
)

head_notices = Table(
    "head_notices",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("mediation_case_id", Uuid, ForeignKey("mediation_cases.id"), nullable=False, index=True),
    Column("session_id", Uuid, ForeignKey("mediation_sessions.id"), nullable=True),
    Column("agency_code", String(40), nullable=False),
    Column("sent_on", Date, nullable=False),
    Column("acknowledged_on", Date, nullable=True),
    Column("reminders", Integer, nullable=False),
    Column("last_reminded_on", Date, nullable=True),
)

plans = Table(
    "mediation_plans",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("mediation_case_id", Uuid, ForeignKey("mediation_cases.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    UniqueConstraint("mediation_case_id", "version"),
)

resolution_plans = Table(
    "resolution_plans",
    metadata,
    Column("plan_id", Uuid, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("agency_code", String(40), nullable=False),
    Column("submitted_on", Date, nullable=False),
    Column("defence_due_on", Date, nullable=False),
    Column("on_time", Boolean, nullable=False),
    Column("evidence_count", Integer, nullable=False),
)

risk_assessments = Table(
    "risk_assessments",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("mediation_case_id", Uuid, ForeignKey("mediation_cases.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("level", String(10), nullable=False, index=True),
    Column("factor_codes", JSON, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("measures", JSON, nullable=False),
    Column("assessed_on", Date, nullable=False),
    Column("assessed_by", String(200), nullable=False),
)

follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("mediation_case_id", Uuid, ForeignKey("mediation_cases.id"), nullable=False, index=True),
    Column("visited_on", Date, nullable=False),
    Column("outcome", String(30), nullable=False),
    Column("note", Text, nullable=False),
    Column("reopened", Boolean, nullable=False),
    Column("visitor", String(200), nullable=False),
)

subsidy_batches = Table(
    "subsidy_batches",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("period", String(7), nullable=False, index=True),
    Column("status", String(20), nullable=False),  # draft, approved
    Column("total_fen", BigInteger, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("approved_at", UtcDateTime(), nullable=True),
    Column("approved_by", String(200), nullable=True),
    Column("approved_on", Date, nullable=True),
)

subsidy_lines = Table(
    "subsidy_lines",
    metadata,
    Column("batch_id", Uuid, ForeignKey("subsidy_batches.id"), primary_key=True),
    # one subsidy per case (一案一补), whatever the batch
    Column("mediation_case_id", Uuid, ForeignKey("mediation_cases.id"), primary_key=True, unique=True),
    Column("person_id", Uuid, ForeignKey("people.id"), nullable=False),
    Column("basis_code", String(60), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
)
