"""Procuratorate-bridge's tables (persistence only; the domain never sees these)."""

from sqlalchemy import JSON, BigInteger, Boolean, Column, Date, Integer, String, Table, Text, Uuid, false

from adr_runtime.auth.tables import auth_tables
from adr_runtime.db import UtcDateTime, new_metadata
from adr_runtime.tables import messaging_tables

metadata = new_metadata()
messaging = messaging_tables(metadata)
auth = auth_tables(metadata)  # staff accounts and the audit log (issue #3)

# One row per shared event received (P2); no personal data is shared, so none is stored.
shared_records = Table(
    "shared_records",
    metadata,
    Column("event_id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=True, index=True),
    Column("subject", String(200), nullable=False),
    Column("kind", String(40), nullable=False, index=True, server_default="registration"),
    Column("facts", JSON, nullable=False, server_default="{}"),
    Column("registration_no", String(60), nullable=True),
    Column("channel", String(40), nullable=True),
    Column("agency_codes", JSON, nullable=False),
    Column("act_type", String(60), nullable=True),
    Column("received_on", Date, nullable=True),
    Column("occurred_at", UtcDateTime(), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False, index=True),
    Column("sha256", String(64), nullable=False),
)

# One receipt per shared record, issued in the same transaction as the record is kept (P2).
receipts = Table(
    "receipts",
    metadata,
    Column("receipt_id", Uuid, primary_key=True),
    Column("event_id", Uuid, nullable=False, unique=True),
    Column("subject", String(200), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
)

# Procuratorial suggestions (P3): the draft, its issue with the reply deadline, the reply and measures.
suggestions = Table(
    "suggestions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=True, index=True),
    Column("evaluation_id", Uuid, nullable=True, index=True),
    Column("kind", String(30), nullable=False),
    Column("agency_code", String(40), nullable=False, index=True),
    Column("topic_code", String(60), nullable=False),
    Column("findings", Text, nullable=False),
    Column("recommendations", Text, nullable=False),
    Column("legal_basis", Text, nullable=False, server_default=""),
    Column("urgent", Boolean, nullable=False, server_default=false()),
    Column("status", String(20), nullable=False, index=True),
    Column("suggestion_no", String(60), nullable=True, unique=True),
    Column("issued_on", Date, nullable=True),
    Column("reply_due_on", Date, nullable=True, index=True),
    Column("reply_due_provisional", Boolean, nullable=False, server_default=false()),
    Column("overdue_noticed_on", Date, nullable=True),
    Column("replied_on", Date, nullable=True),
    Column("adopted", Boolean, nullable=True),
    Column("measures", JSON, nullable=False),
    Column("reply_summary", Text, nullable=False, server_default=""),
    Column("days_late", Integer, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

# Procuratorial hearings (P4); participants' names stay here and are never published.
hearings = Table(
    "hearings",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("topic", String(200), nullable=False),
    Column("scheduled_on", Date, nullable=False),
    Column("location", String(200), nullable=False, server_default=""),
    Column("held_on", Date, nullable=True),
    Column("participants", JSON, nullable=False),
    Column("outcome", String(30), nullable=True),
    Column("outcome_summary", Text, nullable=False, server_default=""),
    Column("created_at", UtcDateTime(), nullable=False),
)

# Applications for judicial assistance (P4); the applicant's name stays here and is never published.
assistance_applications = Table(
    "assistance_applications",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("applicant_name", String(100), nullable=False),
    Column("reason", Text, nullable=False),
    Column("applied_on", Date, nullable=False),
    Column("requested_fen", BigInteger, nullable=True),
    Column("decided_on", Date, nullable=True),
    Column("granted", Boolean, nullable=True),
    Column("amount_fen", BigInteger, nullable=True),
    Column("decision_reason", Text, nullable=False, server_default=""),
    Column("created_at", UtcDateTime(), nullable=False),
)

# The procuratorate's part in the joint analysis of major disputes (P1).
joint_analyses = Table(
    "joint_analyses",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("topic", String(200), nullable=False),
    Column("invited_by", String(60), nullable=False),
    Column("meeting_on", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("participants", JSON, nullable=False),
    Column("opinion", Text, nullable=False, server_default=""),
    Column("opinion_on", Date, nullable=True),
    Column("decline_reason", Text, nullable=False, server_default=""),
    Column("created_at", UtcDateTime(), nullable=False),
)

# Quality evaluations of law-enforcement cases (P5): the sample and the finding on each case.
evaluations = Table(
    "evaluations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("agency_code", String(40), nullable=False, index=True),
    Column("title", String(200), nullable=False, server_default=""),
    Column("period_from", Date, nullable=False),
    Column("period_to", Date, nullable=False),
    Column("case_refs", JSON, nullable=False),
    Column("findings", JSON, nullable=False),
    Column("closed_on", Date, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
)
