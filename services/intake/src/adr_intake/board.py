"""The board's paging: keyset cursors and the total (exact, or estimated over a large unfiltered table).

The board lists disputes newest first. Counting them exactly means visiting every row (190 ms at a
million disputes), so when nothing narrows the list but the viewer's restrictions and PostgreSQL's
statistics say the table holds at least ``ESTIMATE_FROM`` rows, the total is the planner's estimate
(``pg_class.reltuples``, kept by autovacuum) and the page says so (``total_is_estimate``). Restricted
disputes are few, so the estimate counts them all whoever looks. Every other count is exact.
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.store.tables import disputes

ESTIMATE_FROM = 10_000
"""From this many rows (by the statistics) the unfiltered board shows an estimated total."""


class InvalidCursor(ValueError):
    """The ``cursor`` query parameter is not one this service gave out."""


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the last dispute's registration time and id (newest first)."""

    registered_at: datetime
    case_id: UUID

    def encode(self) -> str:
        """An opaque, URL-safe token for the ``cursor`` query parameter."""
        raw = f"{self.registered_at.isoformat()}|{self.case_id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> "Cursor":
        """The cursor of a token from :meth:`encode`; InvalidCursor otherwise."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            moment, _, case_id = raw.partition("|")
            registered_at = datetime.fromisoformat(moment)
            if registered_at.tzinfo is None:
                raise ValueError("naive time")
            return cls(registered_at, UUID(case_id))
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise InvalidCursor(token) from exc

    def after(self) -> ColumnElement[bool]:
        """The condition of the rows that come after this one, newest first.

        The plain bound on ``registered_at`` lets PostgreSQL walk its index from the cursor on.
        """
        at, case_id = disputes.c.registered_at, disputes.c.id
        later_or_same = or_(at < self.registered_at, and_(at == self.registered_at, case_id < self.case_id))
        return and_(at <= self.registered_at, later_or_same)


@dataclass(frozen=True)
class Total:
    """How many disputes the board holds, and whether that is an estimate."""

    count: int
    estimated: bool = False


async def board_total(session: AsyncSession, matching: Select[tuple[UUID]], *, narrowed: bool) -> Total:
    """The number of disputes ``matching`` selects (ids only, no joins).

    Args:
        session: an open session.
        matching: the ids of the disputes the board lists.
        narrowed: a filter other than the viewer's restrictions applies (the count is then exact).
    """
    if not narrowed and session.get_bind().dialect.name == "postgresql":
        estimate = await _estimated_rows(session)
        if estimate >= ESTIMATE_FROM:
            return Total(estimate, estimated=True)
    exact = await session.scalar(select(func.count()).select_from(matching.subquery()))
    return Total(int(exact or 0))


async def _estimated_rows(session: AsyncSession) -> int:
    # reltuples is -1 for a table never vacuumed nor analysed: count exactly then
    query = text("SELECT reltuples::bigint FROM pg_class WHERE oid = CAST(:name AS regclass)")
    return int(await session.scalar(query, {"name": disputes.name}) or -1)
