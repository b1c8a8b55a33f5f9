"""The audit trail: sign-ins, failures, lockouts, permission denials and reads of personal data.

The trail is tamper-evident: each row carries the SHA-256 of its own content and of the row before
it, so changing, inserting or deleting a row breaks the chain from there on; :func:`verify_chain`
names the first row that does not hold (``adr-<service> audit-verify``).
"""

import hashlib
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, insert, select, text
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
    HANDOFF_PROOF_READ = "handoff_proof_read"


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


def chain_hash(
    previous: str | None,
    *,
    at: datetime,
    actor: str,
    action: str,
    target: str,
    outcome: str,
    details: Mapping[str, Any],
) -> str:
    """The hash of one row: its content in a canonical form, after the previous row's hash."""
    content = json.dumps(
        {
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "target": target,
            "outcome": outcome,
            "details": details,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(f"{previous or ''}|{content}".encode()).hexdigest()


_CHAIN_LOCK = zlib.crc32(b"audit-log-chain") & 0x7FFFFFFF


async def record_audit(session: AsyncSession, table: Table, entry: AuditEntry, *, at: datetime) -> None:
    """Adds the entry, chained to the last one, in the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":  # one writer of the chain at a time
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    previous = await session.scalar(select(table.c.hash).order_by(table.c.id.desc()).limit(1))
    values = {
        "at": at,
        "actor": entry.actor[:200],
        "action": entry.action.value,
        "target": entry.target[:300],
        "outcome": entry.outcome.value,
        "details": dict(entry.details),
    }
    await session.execute(insert(table).values(**values, prev_hash=previous, hash=chain_hash(previous, **values)))


@dataclass(frozen=True)
class ChainReport:
    """What a verification found."""

    checked: int  # chained rows checked
    unchained: int  # rows written before the chain existed (no hash), at the start of the log
    first_broken_id: int | None  # the first row that does not hold, None when the chain is whole
    reason: str = ""

    @property
    def intact(self) -> bool:
        """True when every chained row holds."""
        return self.first_broken_id is None


async def verify_chain(session: AsyncSession, table: Table) -> ChainReport:
    """Walks the audit log in order and names the first row whose content or link was altered."""
    previous: str | None = None
    checked = unchained = 0
    started = False
    rows = await session.stream(select(table).order_by(table.c.id))
    async for row in rows:
        if row.hash is None and not started:
            unchained += 1
            continue
        started = True
        if row.hash is None or row.prev_hash != previous:
            return ChainReport(checked, unchained, row.id, "the link to the previous row is broken")
        expected = chain_hash(
            row.prev_hash,
            at=row.at,
            actor=row.actor,
            action=row.action,
            target=row.target,
            outcome=row.outcome,
            details=row.details,
        )
        if expected != row.hash:
            return ChainReport(checked, unchained, row.id, "the row's content was changed")
        previous = row.hash
        checked += 1
    return ChainReport(checked, unchained, None)
