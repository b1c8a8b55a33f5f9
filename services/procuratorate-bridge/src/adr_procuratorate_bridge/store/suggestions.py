"""Procuratorial suggestions in the database (row <-> domain mapping)."""

from dataclasses import fields
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_procuratorate_bridge.domain.errors import NotFound
from adr_procuratorate_bridge.domain.suggestions import Suggestion, SuggestionKind, SuggestionStatus
from adr_procuratorate_bridge.store.tables import suggestions

_COLUMNS = [f.name for f in fields(Suggestion) if f.name != "events"]


def _row(suggestion: Suggestion) -> dict[str, Any]:
    values = {name: getattr(suggestion, name) for name in _COLUMNS}
    codes = {"kind": suggestion.kind.value, "status": suggestion.status.value}
    return values | codes | {"measures": list(suggestion.measures)}


def to_suggestion(row: Any) -> Suggestion:
    """The aggregate of a stored row."""
    values = {name: getattr(row, name) for name in _COLUMNS}
    return Suggestion(
        **values | {
            "kind": SuggestionKind(row.kind), "status": SuggestionStatus(row.status),
            "measures": tuple(row.measures or ()),
        }
    )


class SuggestionRepository:
    """Suggestions inside the unit of work's transaction; remembers the ones it handed out."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: list[Suggestion] = []

    async def add(self, suggestion: Suggestion, *, now: datetime) -> None:
        await self._session.execute(insert(suggestions).values(**_row(suggestion), created_at=now))
        self.seen.append(suggestion)

    async def get(self, suggestion_id: UUID) -> Suggestion:
        query = select(suggestions).where(suggestions.c.id == suggestion_id).with_for_update()
        row = (await self._session.execute(query)).first()
        if row is None:
            raise NotFound(f"未找到检察建议 {suggestion_id}")
        suggestion = to_suggestion(row)
        self.seen.append(suggestion)
        return suggestion

    async def save(self, suggestion: Suggestion) -> None:
        await self._session.execute(
            update(suggestions).where(suggestions.c.id == suggestion.id).values(**_row(suggestion))
        )

    async def next_seq(self, year: int) -> int:
        """The next number of the year among issued suggestions."""
        start, end = date(year, 1, 1), date(year, 12, 31)
        count = await self._session.scalar(
            select(func.count()).select_from(suggestions).where(suggestions.c.issued_on.between(start, end))
        )
        return int(count or 0) + 1

    async def unanswered_past_due(self, today: date) -> list[Suggestion]:
        """Issued suggestions still unanswered whose deadline has passed (the sweeper's work)."""
        query = (
            select(suggestions)
            .where(suggestions.c.status == SuggestionStatus.ISSUED.value, suggestions.c.reply_due_on < today)
            .order_by(suggestions.c.reply_due_on)
            .with_for_update(skip_locked=True)
        )
        found = [to_suggestion(r) for r in (await self._session.execute(query)).all()]
        self.seen.extend(found)
        return found
