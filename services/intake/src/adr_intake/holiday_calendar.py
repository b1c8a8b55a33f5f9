"""Loading a year's official holiday schedule, and the filing rules with every loaded year (RULES.md §0.3)."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_intake.domain.filing import FilingRules
from adr_intake.domain.holiday_year import official_year
from adr_intake.store import holiday_years
from adr_runtime.legal_time import with_extra_years
from adr_runtime.outbox import HistoryNote, record_note
from adr_runtime.tables import MessagingTables


@dataclass(frozen=True)
class LoadHolidayYear:
    year: int
    source_url: str
    records: tuple[Mapping[str, str], ...]


async def load_holiday_year(
    cmd: LoadHolidayYear,
    sessions: async_sessionmaker[AsyncSession],
    tables: MessagingTables,
    *,
    actor: str,
    now: datetime,
) -> None:
    """Checks the notice's rows and stores them, replacing the year; the centre's history keeps who did it.

    Raises:
        CalendarDataError: the rows' problems, in Chinese; nothing is stored.
    """
    rows = official_year(cmd.year, cmd.records)
    note = HistoryNote(
        case_id=None,
        occurred_at=now,
        action="intake.holiday_calendar.year_loaded",
        details={"year": cmd.year, "days": len(rows), "source_url": cmd.source_url},
    )
    async with sessions.begin() as session:
        await holiday_years.replace_year(session, cmd.year, rows, source_url=cmd.source_url, by=actor, at=now)
        await record_note(session, tables, note, actor=actor)


async def rules_in_force(sessions: async_sessionmaker[AsyncSession], base: FilingRules) -> FilingRules:
    """``base`` with every loaded year merged into its calendar (read afresh: a year loaded now counts now)."""
    async with sessions() as session:
        rows = await holiday_years.loaded_rows(session)
    if not rows:
        return base
    return replace(base, calendar=with_extra_years(base.calendar, rows))
