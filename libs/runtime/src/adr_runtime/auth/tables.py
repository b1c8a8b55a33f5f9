"""The sign-in tables a service keeps in its own database: staff accounts and the audit log."""

from dataclasses import dataclass

from sqlalchemy import JSON, Boolean, Column, Index, Integer, MetaData, String, Table, false, func

from adr_runtime.db import UtcDateTime
from adr_runtime.tables import BigId


@dataclass(frozen=True)
class AuthTables:
    """The staff-account and audit-log tables of one service."""

    staff_accounts: Table
    audit_log: Table


def auth_tables(metadata: MetaData) -> AuthTables:
    """Adds the staff-account and audit-log tables to a service's metadata.

    Args:
        metadata: the service's own MetaData (its Alembic environment then creates them).
    """
    return AuthTables(staff_accounts=_staff_accounts(metadata), audit_log=_audit_log(metadata))


def _staff_accounts(metadata: MetaData) -> Table:
    return Table(
        "staff_accounts",
        metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("username", String(100), nullable=False, unique=True),
        Column("display_name", String(100), nullable=False),
        Column("password_hash", String(255), nullable=False),
        Column("roles", JSON, nullable=False),
        Column("agency_code", String(40), nullable=True),
        Column("institution", String(100), nullable=False),
        Column("failed_attempts", Integer, nullable=False, server_default="0"),
        Column("locked_until", UtcDateTime(), nullable=True),
        Column("disabled", Boolean, nullable=False, server_default=false()),
        Column("created_at", UtcDateTime(), nullable=False, server_default=func.now()),
    )


def _audit_log(metadata: MetaData) -> Table:
    audit_log = Table(
        "audit_log",
        metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime(), nullable=False, index=True),
        Column("actor", String(200), nullable=False),
        Column("action", String(40), nullable=False),
        Column("target", String(300), nullable=False),
        Column("outcome", String(20), nullable=False),
        # codes and ids only: never names, ID numbers, phones, passwords or free text
        Column("details", JSON, nullable=False),
        # the hash chain (issue #10): each row's hash covers its content and the previous row's hash
        Column("prev_hash", String(64), nullable=True),
        Column("hash", String(64), nullable=True),
    )
    # sign-in counts recent failures per username
    Index("ix_audit_log_action_target_at", audit_log.c.action, audit_log.c.target, audit_log.c.at)
    return audit_log
