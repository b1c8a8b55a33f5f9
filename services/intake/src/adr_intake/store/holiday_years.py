"""The official holiday years an administrator loaded (beyond the calendar packaged with the release)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.store.tables import holiday_calendar_days, holiday_calendar_years
from adr_runtime.legal_time import CalendarRow, DayKind


@dataclass(frozen=True)
class LoadedYear:
    """Who loaded a year's notice, when, from where, and how many dates it lists."""

    year: int
    source_url: str
    loaded_by: str
    loaded_at: datetime
    days: int


async def replace_year(
    session: AsyncSession, year: int, rows: tuple[CalendarRow, ...], *, source_url: str, by: str, at: datetime
) -> None:
    """Stores ``year``'s rows, replacing whatever was loaded for it before (in the caller's transaction)."""
    await session.execute(delete(holiday_calendar_days).where(holiday_calendar_days.c.year == year))
    await session.execute(delete(holiday_calendar_years).where(holiday_calendar_years.c.year == year))
    await session.execute(
        insert(holiday_calendar_years).values(year=year, source_url=source_url, loaded_by=by, loaded_at=at)
    )
    await session.execute(
        insert(holiday_calendar_days),
        [
            {"day": r.day, "year": year, "kind": r.kind.value, "name_zh": r.name_zh, "source_url": r.source}
            for r in rows
        ],
    )


async def loaded_rows(session: AsyncSession) -> tuple[CalendarRow, ...]:
    """Every loaded row, by date."""
    table = holiday_calendar_days
    result = await session.execute(select(table).order_by(table.c.day))
    return tuple(CalendarRow(day=r.day, kind=DayKind(r.kind), name_zh=r.name_zh, source=r.source_url) for r in result)


async def loaded_years(session: AsyncSession) -> list[LoadedYear]:
    """The loaded years, oldest first, with their number of dates."""
    years, days = holiday_calendar_years, holiday_calendar_days
    counted = await session.execute(select(days.c.year, func.count()).group_by(days.c.year))
    tally = {int(year): int(count) for year, count in counted.tuples()}
    rows = (await session.execute(select(years).order_by(years.c.year))).all()
    return [LoadedYear(r.year, r.source_url, r.loaded_by, r.loaded_at, tally.get(r.year, 0)) for r in rows]
