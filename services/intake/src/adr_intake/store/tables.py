"""Intake's tables (persistence only; the domain never sees these)."""

from sqlalchemy import JSON, BigInteger, Boolean, Column, Date, ForeignKey, Integer, String, Table, Text, Uuid, false

from adr_intake.portal.tables import portal_tables
from adr_runtime.auth.tables import auth_tables
from adr_runtime.db import UtcDateTime, new_metadata
from adr_runtime.notifications import notification_tables
from adr_runtime.tables import messaging_tables

metadata = new_metadata()
messaging = messaging_tables(metadata)
auth = auth_tables(metadata)  # staff accounts and the audit log (issue #3)

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


# --- the stored filing review and the loaded holiday years (issue #4, M4) ---

# One review per dispute: each computed check beside the reviewer's verdict (JSON list), and the route.
filing_reviews = Table(
    "filing_reviews",
    metadata,
    Column("case_id", Uuid, primary_key=True),
    Column("as_of", Date, nullable=False),
    Column("reviewed_at", UtcDateTime(), nullable=False),
    Column("reviewed_by", String(120), nullable=False),
    Column("facts", JSON, nullable=False),
    Column("checks", JSON, nullable=False),
    Column("filing_deadline", Date, nullable=True),
    Column("deadline_provisional", Boolean, nullable=False),
    Column("missing_calendar_years", JSON, nullable=False),
    Column("earliest_filing_date", Date, nullable=True),
    Column("reconsideration_first", Boolean, nullable=False),
    Column("court_level", String(20), nullable=False),
    Column("mediable", Boolean, nullable=False),
    Column("suggested_route", String(30), nullable=False),
    Column("route", String(30), nullable=False),
    Column("reason_code", String(60), nullable=False),
    Column("basis", Text, nullable=True),
)

# Official years loaded by an administrator (beyond the calendar packaged with the release).
holiday_calendar_years = Table(
    "holiday_calendar_years",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("source_url", String(500), nullable=False),
    Column("loaded_by", String(120), nullable=False),
    Column("loaded_at", UtcDateTime(), nullable=False),
)

# Their rows, as in the packaged CSV: a weekday holiday or a weekend make-up workday.
holiday_calendar_days = Table(
    "holiday_calendar_days",
    metadata,
    Column("day", Date, primary_key=True),
    Column("year", Integer, nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    Column("name_zh", String(60), nullable=False),
    Column("source_url", String(500), nullable=False),
)


# --- the agency directory, classification, lead agency, repeats, withdrawal (issue #4: O3, C2, A1) ---
# Personal data (applicants' names, ID numbers and phones, the claims summary, liaisons' names and
# phones) is stored sealed (AES-GCM, store/pii.py): "pii1.<key id>.<base64>". The masked forms beside
# them are what lists and pages show, so that reading a page decrypts nothing.

for _column in (
    Column("act_doc_no", String(100), nullable=True),  # 被诉行为文书号, optional at registration
    Column("amount_yuan", BigInteger, nullable=True),
    Column("repeat_of", Uuid, nullable=True),  # the earlier dispute of the same applicant against the same act
    Column("is_major", Boolean, nullable=False, server_default=false()),
    Column("is_group", Boolean, nullable=False, server_default=false()),
    Column("is_sensitive", Boolean, nullable=False, server_default=false()),
    Column("classification_reasons", JSON(none_as_null=True), nullable=True),
    Column("classification_manual", Boolean, nullable=False, server_default=false()),
    Column("classification_note", Text, nullable=True),
    Column("lead_agency_code", String(40), nullable=True),
    Column("lead_agency_reasons", Text, nullable=True),
    Column("lead_agency_decided_on", Date, nullable=True),
    Column("liaisons_to_notify", JSON(none_as_null=True), nullable=True),  # liaison ids, no identities
    Column("withdrawal_reason_code", String(60), nullable=True),
    Column("withdrawn_at", UtcDateTime(), nullable=True),
):
    disputes.append_column(_column)

# A case restricted to named people (issue #3, O3): their principal subjects; NULL when not restricted.
disputes.append_column(Column("restricted_to", JSON(none_as_null=True), nullable=True))

# Blind keys of each applicant (HMAC, store/pii.py), to find the same applicant again (RULES.md §1.8).
dispute_applicant_keys = Table(
    "dispute_applicant_keys",
    metadata,
    Column("case_id", Uuid, ForeignKey("disputes.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("id_key", String(80), nullable=True, index=True),
    Column("name_key", String(80), nullable=False, index=True),
)

agency_units = Table(
    "agency_units",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name_zh", String(100), nullable=False),
    Column("kind", String(30), nullable=False, index=True),
    Column("level", String(20), nullable=False),
    Column("reconsideration_organ_zh", String(200), nullable=False),
    Column("verified", Boolean, nullable=False),
    Column("source", String(500), nullable=False),
    Column("retired", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

agency_liaisons = Table(
    "agency_liaisons",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("unit_code", String(40), ForeignKey("agency_units.code"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("name_masked", String(60), nullable=False),
    Column("phone", Text, nullable=True),
    Column("phone_masked", String(30), nullable=True),
    Column("post", String(100), nullable=True),
)

# --- the contested act's facts at registration (RULES.md §1.0): non-personal, plain columns ---
for _column in (
    Column("act_made_on", Date, nullable=True),  # 作出日
    Column("act_served_on", Date, nullable=True),  # 送达日
    Column("act_known_on", Date, nullable=True),  # 知道或者应当知道之日
    Column("postmark_on", Date, nullable=True),  # 邮戳日
    Column("claim_types", JSON(none_as_null=True), nullable=True),  # claim-type codes
    Column("reconsideration", JSON(none_as_null=True), nullable=True),  # applied, organ, decision type, served
):
    disputes.append_column(_column)

# --- notices and their deliveries (issue #12: the notifications capability of adr_runtime) ---
notifications = notification_tables(metadata)

# --- the applicant portal (issue #12): access codes, uploaded documents, access attempts ---
portal = portal_tables(metadata)
