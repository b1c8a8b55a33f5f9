"""The early warnings' windows: registrations counted per pattern key, in the database or in memory.

A live event counts its window with one indexed query (``StoredWindow``). A rebuild keeps the
counts in memory (``FoldedWindow``: one integer per key and day) and writes the rows in bulk; it
reads the database only to list the cases of a warning it raises. Both write the same rows.

A warning lists at most ``CASES_LISTED`` cases, the latest registered, with the full count beside
them: a dense pattern (1,000 registrations a day over a 90-day window) would otherwise list
~90,000 cases, several megabytes in one event, past NATS's 1 MB limit for a message.
"""

from datetime import date
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_reporting.domain.journal import Entry
from adr_reporting.domain.warnings import WindowCounts, window_keys
from adr_reporting.store.bulk import insert_new
from adr_reporting.store.tables import early_warnings, window_registrations

_WINDOW = window_registrations.c
CASES_LISTED = 500  # cases a warning lists (~20 KB in its event); its count says how many there are


class Window(Protocol):
    """Where the projection counts registrations and finds when a warning was last raised."""

    async def add(self, entry: Entry, start: date) -> dict[str, int]:
        """Counts a new registration; returns, per key of it, the registrations dated in [start, its date]."""
        ...

    async def cases(self, key: str, start: date, end: date) -> tuple[UUID, ...]:
        """The latest ``CASES_LISTED`` cases registered under the key in [start, end], in a stable order."""
        ...

    async def last_raised(self, key: str) -> date | None:
        """When a warning of the key was last raised."""
        ...

    def raised(self, key: str, day: date) -> None:
        """Notes that a warning of the key was raised on the day."""

    async def flush(self) -> None:
        """Writes what is kept back (nothing for the stored window)."""


def rows_of(entry: Entry) -> list[dict[str, Any]]:
    """The window's rows of a registration (none for any other fact)."""
    return [
        {"key": key, "occurred_on": entry.on, "event_id": entry.event_id, "case_id": entry.case_id}
        for key in window_keys(entry)
    ]


async def insert_rows(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Adds the rows (in one statement per batch; a row already there is left alone)."""
    await insert_new(session, window_registrations, rows, "event_id")


class StoredWindow:
    """The window in reporting's database (the live projection, one event at a time)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, entry: Entry, start: date) -> dict[str, int]:
        rows = rows_of(entry)
        if not rows:
            return {}
        await insert_rows(self._session, rows)
        query = (
            select(_WINDOW.key, func.count())
            .where(_WINDOW.key.in_([row["key"] for row in rows]), _WINDOW.occurred_on.between(start, entry.on))
            .group_by(_WINDOW.key)
        )
        return {key: int(n) for key, n in (await self._session.execute(query)).all()}

    async def cases(self, key: str, start: date, end: date) -> tuple[UUID, ...]:
        latest = func.max(_WINDOW.occurred_on)
        query = (
            select(_WINDOW.case_id, latest)
            .where(_WINDOW.key == key, _WINDOW.occurred_on.between(start, end))
            .group_by(_WINDOW.case_id)
            .order_by(latest.desc(), _WINDOW.case_id)
            .limit(CASES_LISTED)
        )
        found = [case for case, _ in (await self._session.execute(query)).all()]
        return tuple(sorted(found, key=str))

    async def last_raised(self, key: str) -> date | None:
        query = select(func.max(early_warnings.c.raised_on)).where(early_warnings.c.key == key)
        last: date | None = await self._session.scalar(query)
        return last

    def raised(self, key: str, day: date) -> None:  # noqa: ARG002 - the database already has the warning
        return None

    async def flush(self) -> None:
        return None


class FoldedWindow(StoredWindow):
    """The window counted in memory while a rebuild replays the streams; rows written per batch."""

    def __init__(self, session: AsyncSession, last_raised: dict[str, date]) -> None:
        super().__init__(session)
        self._counts = WindowCounts()
        self._last_raised = last_raised
        self._pending: list[dict[str, Any]] = []

    @classmethod
    async def load(cls, session: AsyncSession) -> "FoldedWindow":
        """A window with nothing counted, knowing the warnings already raised (a rebuild keeps them)."""
        query = select(early_warnings.c.key, func.max(early_warnings.c.raised_on)).group_by(early_warnings.c.key)
        return cls(session, dict((await session.execute(query)).tuples().all()))

    async def add(self, entry: Entry, start: date) -> dict[str, int]:
        rows = rows_of(entry)
        self._pending.extend(rows)
        counts = {}
        for row in rows:
            self._counts.add(row["key"], entry.on)
            counts[row["key"]] = self._counts.count(row["key"], start, entry.on)
        return counts

    async def cases(self, key: str, start: date, end: date) -> tuple[UUID, ...]:
        await self.flush()
        return await super().cases(key, start, end)

    async def last_raised(self, key: str) -> date | None:
        return self._last_raised.get(key)

    def raised(self, key: str, day: date) -> None:
        self._last_raised[key] = max(day, self._last_raised.get(key, day))

    async def flush(self) -> None:
        rows, self._pending = self._pending, []
        await insert_rows(self._session, rows)
