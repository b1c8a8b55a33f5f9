"""The audit trail: sign-ins, failures, lockouts, permission denials and reads of personal data."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

ANONYMOUS = "anonymous"


class AuditAction(StrEnum):
    """What happened."""

    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    LOCKED = "locked"
    PERMISSION_DENIED = "permission_denied"
    PERSONAL_DATA_READ = "personal_data_read"
    SIGN_OUT = "sign_out"
    DEAD_LETTER_REPLAYED = "dead_letter_replayed"
    DEAD_LETTER_DISCARDED = "dead_letter_discarded"


class Outcome(StrEnum):
    """How it ended."""

    SUCCESS = "success"
    FAILURE = "failure"
    DENIED = "denied"


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log.

    ``target`` is a username, a case id or a path (never a query string); ``details`` holds
    codes and ids only, never personal data.
    """

    actor: str
    action: AuditAction
    target: str
    outcome: Outcome
    details: Mapping[str, Any] = field(default_factory=dict)


async def record_audit(session: AsyncSession, table: Table, entry: AuditEntry, *, at: datetime) -> None:
    """Adds the entry in the caller's transaction."""
    await session.execute(
        insert(table).values(
            at=at,
            actor=entry.actor[:200],
            action=entry.action.value,
            target=entry.target[:300],
            outcome=entry.outcome.value,
            details=dict(entry.details),
        )
    )
