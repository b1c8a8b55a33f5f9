"""The portal's tables in intake's database: access codes, uploaded documents, access attempts."""

from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text, Uuid

from adr_runtime.db import UtcDateTime
from adr_runtime.tables import BigId


@dataclass(frozen=True)
class PortalTables:
    """One access record per dispute applied for online, its documents, and every access attempt."""

    access: Table
    documents: Table
    attempts: Table


def portal_tables(metadata: MetaData) -> PortalTables:
    """Adds the portal's tables to intake's metadata."""
    return PortalTables(access=_access(metadata), documents=_documents(metadata), attempts=_attempts(metadata))


def _access(metadata: MetaData) -> Table:
    """One row per dispute applied for online: its hashed access code and the applicant's contact."""
    return Table(
        "portal_access",
        metadata,
        Column("case_id", Uuid, primary_key=True),
        Column("registration_no", String(60), nullable=False, unique=True),
        Column("code_hash", String(200), nullable=False),  # Argon2id; the code itself is shown once
        Column("created_at", UtcDateTime(), nullable=False),
        # the applicant's contact for notices: sealed (AES-GCM), masked beside
        Column("email", Text, nullable=True),
        Column("email_masked", String(80), nullable=True),
        Column("phone", Text, nullable=True),
        Column("phone_masked", String(30), nullable=True),
    )


def _documents(metadata: MetaData) -> Table:
    """The documents uploaded with an application, sealed."""
    return Table(
        "portal_documents",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("case_id", Uuid, nullable=False, index=True),
        Column("kind", String(20), nullable=False),  # decision (被诉行为文书) or evidence (证据材料)
        Column("filename", Text, nullable=False),  # sealed: a file name may carry a name
        Column("content_type", String(40), nullable=False),
        Column("size_bytes", BigInteger, nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("content", Text, nullable=False),  # sealed, base64 inside
        Column("uploaded_at", UtcDateTime(), nullable=False),
    )


def _attempts(metadata: MetaData) -> Table:
    """Every attempt to open a dispute's status, indexed by client and by number for the limits."""
    attempts = Table(
        "portal_attempts",
        metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime(), nullable=False),
        Column("client_key", String(80), nullable=False),  # blind key of the client address, not the address
        Column("registration_no", String(60), nullable=False),
        Column("outcome", String(20), nullable=False),  # success, failure, limited
        Column("attempt_no", Integer, nullable=False, server_default="1"),
    )
    Index("ix_portal_attempts_client_at", attempts.c.client_key, attempts.c.at)
    Index("ix_portal_attempts_number_at", attempts.c.registration_no, attempts.c.at)
    return attempts
