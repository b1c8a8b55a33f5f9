"""Court-bridge's tables (persistence only; the domain never sees these)."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
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

# --- the studio's records (issue #6) ---

# Serial numbers per scope (a type code, or "suggestion") and year, taken inside the numbering transaction.
serials = Table(
    "serials",
    metadata,
    Column("scope", String(40), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)

# A filed case: the filing-queue entry's dispute with its court number (M3); one per dispute.
court_cases = Table(
    "court_cases",
    metadata,
    Column("case_id", Uuid, primary_key=True),
    Column("court_case_no", String(60), nullable=False, unique=True),
    Column("filed_on", Date, nullable=False),
    Column("first_received_on", Date, nullable=False),
    Column("agency_codes", JSON, nullable=False),
    Column("after_mediation", Boolean, nullable=False),
    Column("origin", String(20), nullable=False),  # queue | import
    Column("filed_at", UtcDateTime(), nullable=False, index=True),
)

# Pre-filing delegations to the centre (委派, K1); the case id is the dispute's id everywhere.
delegations = Table(
    "delegations",
    metadata,
    Column("case_id", Uuid, primary_key=True),
    Column("delegation_no", String(60), nullable=False, unique=True),
    Column("delegated_on", Date, nullable=False),
    Column("received_on", Date, nullable=False),
    Column("agency_codes", JSON, nullable=False),
    Column("act_type", String(60), nullable=False),
    Column("applicant_count", Integer, nullable=False),
    Column("consent", Boolean, nullable=False),
    Column("delegated_at", UtcDateTime(), nullable=False, index=True),
)

# Service of the complaint on the agency, with its defence deadline (A4).
complaint_services = Table(
    "complaint_services",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("agency_code", String(40), nullable=False),
    Column("served_on", Date, nullable=False),
    Column("defence_due_on", Date, nullable=False),
    Column("provisional", Boolean, nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    UniqueConstraint("case_id", "agency_code"),
)

# The agency's substantive resolution plan, in versions (A4, M1, J4), with government-defendant details.
resolution_plans = Table(
    "resolution_plans",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("plan_id", Uuid, nullable=False, index=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("agency_code", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("submitted_on", Date, nullable=False),
    Column("defence_due_on", Date, nullable=False),
    Column("on_time", Boolean, nullable=False),
    Column("cause", Text, nullable=False),
    Column("earlier_steps", Text, nullable=False),
    Column("next_measures", Text, nullable=False),
    Column("agency_decision", Text, nullable=True),
    Column("responding_unit", String(100), nullable=True),
    Column("sealing_documents", JSON, nullable=False),
    Column("major_case_argument", Text, nullable=True),
    Column("recorded_at", UtcDateTime(), nullable=False),
    UniqueConstraint("case_id", "agency_code", "version"),
)

# Evidence files of a plan version, stored in the database with their SHA-256 checksum.
evidence_files = Table(
    "evidence_files",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("plan_row_id", Uuid, nullable=False, index=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("filename", String(200), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
)

# The agency's specific authorisation of its representative (特别授权).
authorisations = Table(
    "authorisations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("agency_code", String(40), nullable=False),
    Column("representative", String(100), nullable=False),
    Column("post", String(100), nullable=False),
    Column("powers", JSON, nullable=False),
    Column("granted_on", Date, nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

# Hearings: the notice (≥ 3 days ahead) and, once held, the agency head's appearance (M5, RULES.md §4).
hearings = Table(
    "hearings",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("agency_code", String(40), nullable=False),
    Column("instance", String(20), nullable=False),
    Column("hearing_on", Date, nullable=False),
    Column("noticed_on", Date, nullable=False),
    Column("head_required", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("appeared", String(20), nullable=True),
    Column("appearer_post", String(100), nullable=True),
    Column("head_rank", String(30), nullable=True),
    Column("spoke_to_substance", Boolean, nullable=True),
    Column("absence_reason_code", String(40), nullable=True),
    Column("absence_reason_accepted", Boolean, nullable=True),
    Column("held_on", Date, nullable=True),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

# Judgments and rulings with their appeal window (M7).
decisions = Table(
    "decisions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("outcome", String(30), nullable=False),
    Column("document_no", String(60), nullable=True),
    Column("issued_on", Date, nullable=False),
    Column("served_on", Date, nullable=False),
    Column("appeal_deadline", Date, nullable=False, index=True),
    Column("agency_codes", JSON, nullable=False),
    Column("status", String(20), nullable=False, index=True),  # open | appealed | final
    Column("appealed_on", Date, nullable=True),
    Column("appellant_is_agency", Boolean, nullable=True),
    Column("settled_on", Date, nullable=True),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

# Post-judgment Q&A sessions (判后答疑), optional and recorded.
qa_sessions = Table(
    "qa_sessions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("decision_id", Uuid, nullable=False, index=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("held_on", Date, nullable=False),
    Column("judge", String(100), nullable=False),
    Column("questions", Text, nullable=False),
    Column("answers", Text, nullable=False),
    Column("party_response", String(30), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

# Applications for judicial confirmation from mediation (W3), and the ruling.
confirmations = Table(
    "confirmations",
    metadata,
    Column("agreement_id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("mediation_case_id", Uuid, nullable=False),
    Column("requested_on", Date, nullable=False),
    Column("agreed_on", Date, nullable=False),
    Column("agency_codes", JSON, nullable=False),
    Column("obligation_count", Integer, nullable=False),
    Column("total_amount_fen", BigInteger, nullable=True),
    Column("status", String(20), nullable=False, index=True),  # requested | ruled
    Column("outcome", String(20), nullable=True),
    Column("ruling_no", String(60), nullable=True, unique=True),
    Column("ruled_on", Date, nullable=True),
    Column("received_at", UtcDateTime(), nullable=False),
)

# Judicial suggestions (K3, C5, M10): drafts from a trigger or by hand, issued, replied, overdue.
suggestions = Table(
    "suggestions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("status", String(20), nullable=False, index=True),  # draft | issued | replied | dropped
    Column("kind", String(20), nullable=False),
    Column("trigger", String(30), nullable=False),
    Column("source_ref", String(80), nullable=True, unique=True),  # e.g. obligation:<id>; one draft per trigger
    Column("case_id", Uuid, nullable=True, index=True),
    Column("agency_code", String(40), nullable=True, index=True),  # a pattern may name no agency yet
    Column("topic_code", String(40), nullable=False),
    Column("related_case_ids", JSON, nullable=False),
    Column("content", Text, nullable=False),
    Column("suggestion_no", String(60), nullable=True, unique=True),
    Column("issued_on", Date, nullable=True),
    Column("reply_due_on", Date, nullable=True, index=True),
    Column("replied_on", Date, nullable=True),
    Column("adopted", Boolean, nullable=True),
    Column("measures", Text, nullable=True),
    Column("overdue_noticed_on", Date, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

# Agencies' applications for non-litigation enforcement (非诉执行, 行审) and the legality review (K3).
enforcement_reviews = Table(
    "enforcement_reviews",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("review_no", String(60), nullable=False, unique=True),
    Column("agency_code", String(40), nullable=False, index=True),
    Column("act_doc_no", String(100), nullable=False),
    Column("applied_on", Date, nullable=False),
    Column("accepted_on", Date, nullable=False),
    Column("review_due_on", Date, nullable=False),
    Column("outcome", String(20), nullable=True),  # enforce | refuse
    Column("reasons", Text, nullable=True),
    Column("ruled_on", Date, nullable=True),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

# Open-trial observation invitations (M8) and the observers' opinions.
observations = Table(
    "observations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("case_id", Uuid, nullable=False, index=True),
    Column("hearing_id", Uuid, nullable=True),
    Column("invitee_kind", String(20), nullable=False),
    Column("invitee", String(100), nullable=False),
    Column("invited_on", Date, nullable=False),
    Column("attended", Boolean, nullable=True),
    Column("opinion", Text, nullable=True),
    Column("opinion_on", Date, nullable=True),
    Column("recorded_at", UtcDateTime(), nullable=False),
)
