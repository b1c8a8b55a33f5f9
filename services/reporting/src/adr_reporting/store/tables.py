"""Reporting's tables: read models built from events only (persistence; the domain never sees these)."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
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

# issue #8 ------------------------------------------------------------------------------------------
# The journal: one row per event reporting reads, reduced to a dated fact (no personal data), with
# the stream position it was read at. Every indicator is computed from it, as of any past date.
report_facts = Table(
    "report_facts",
    metadata,
    Column("event_id", Uuid, primary_key=True),
    Column("kind", String(50), nullable=False, index=True),
    Column("subject", String(120), nullable=False),
    Column("case_id", Uuid, nullable=True, index=True),
    Column("occurred_on", Date, nullable=False, index=True),
    Column("agency_codes", JSON, nullable=False),
    Column("data", JSON, nullable=False),
    Column("stream", String(40), nullable=True),
    Column("stream_seq", BigInteger, nullable=True),
)

# How far each projection has read each stream (written in the transaction that applied the event).
projection_positions = Table(
    "projection_positions",
    metadata,
    Column("projection", String(40), primary_key=True),
    Column("stream", String(40), primary_key=True),
    Column("sequence", BigInteger, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

# The early warnings' windows: one row per registration and pattern key (each agency, the act type),
# so that a window's count is an index range scan on (key, occurred_on) instead of decoding the journal.
window_registrations = Table(
    "window_registrations",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("occurred_on", Date, primary_key=True),
    Column("event_id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False),
)

# Early warnings raised (M11, K3); ``key`` names the pattern so that it is not raised twice in its window.
early_warnings = Table(
    "early_warnings",
    metadata,
    Column("warning_id", Uuid, primary_key=True),
    Column("key", String(200), nullable=False, index=True),
    Column("kind", String(30), nullable=False, index=True),
    Column("raised_on", Date, nullable=False, index=True),
    Column("agency_code", String(40), nullable=True),
    Column("act_type", String(60), nullable=True),
    Column("case_ids", JSON, nullable=False),
    Column("count", Integer, nullable=False),
    Column("window_days", Integer, nullable=True),
    Column("detail", String(300), nullable=False),
    Column("source_event_id", Uuid, nullable=True),
)

# The subsidy ledger (R4): one line per mediator and case of an approved batch (identifiers only).
subsidy_lines = Table(
    "subsidy_lines",
    metadata,
    Column("batch_id", Uuid, primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("period", String(7), nullable=False, index=True),
    Column("approved_on", Date, nullable=False),
    Column("mediator_id", Uuid, nullable=False, index=True),
    Column("mediation_case_id", Uuid, nullable=False),
    Column("basis_code", String(60), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
)

# Periodic notices (C6): each period's files, generated once on schedule or again on demand.
notices = Table(
    "notices",
    metadata,
    Column("period", String(10), primary_key=True),
    Column("generated_at", UtcDateTime(), nullable=False),
    Column("docx", LargeBinary, nullable=False),
    Column("pdf", LargeBinary, nullable=False),
    Column("xlsx", LargeBinary, nullable=False),
)

# Joint meetings (O1): the meeting, who attended, what it resolved, and the tasks it assigned (督办).
meetings = Table(
    "meetings",
    metadata,
    Column("meeting_id", Uuid, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("held_on", Date, nullable=False, index=True),
    Column("convenor", String(100), nullable=False),
    Column("agenda", Text, nullable=False),
    Column("created_by", String(100), nullable=False),
)
meeting_attendance = Table(
    "meeting_attendance",
    metadata,
    Column("meeting_id", Uuid, ForeignKey("meetings.meeting_id"), primary_key=True),
    Column("unit", String(100), primary_key=True),
    Column("present", Boolean, nullable=False),
)
meeting_resolutions = Table(
    "meeting_resolutions",
    metadata,
    Column("resolution_id", Uuid, primary_key=True),
    Column("meeting_id", Uuid, ForeignKey("meetings.meeting_id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
)
follow_up_tasks = Table(
    "follow_up_tasks",
    metadata,
    Column("task_id", Uuid, primary_key=True),
    Column("meeting_id", Uuid, ForeignKey("meetings.meeting_id"), nullable=False, index=True),
    Column("resolution_id", Uuid, nullable=True),
    Column("title", String(300), nullable=False),
    Column("owner_unit", String(100), nullable=False, index=True),
    Column("due_on", Date, nullable=False, index=True),
    Column("status", String(20), nullable=False, index=True),
    Column("done_on", Date, nullable=True),
    Column("note", Text, nullable=True),
)

# Typical cases (R3): anonymised write-ups; the parties' names are kept only to check, until published.
typical_cases = Table(
    "typical_cases",
    metadata,
    Column("typical_case_id", Uuid, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("known_names", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("published_on", Date, nullable=True),
    UniqueConstraint("title", name="uq_typical_cases_title"),
)
