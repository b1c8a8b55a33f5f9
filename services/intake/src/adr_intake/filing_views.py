"""Read-only queries for the filing review and the holiday calendar (no domain objects, no events)."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_intake.api.calendar_schemas import HolidayCalendarView, HolidayYearView
from adr_intake.api.review_schemas import FilingReviewView
from adr_intake.domain.errors import DisputeNotFound, FilingReviewNotFound
from adr_intake.store import holiday_years
from adr_intake.store.tables import disputes, filing_reviews
from adr_runtime.legal_time import official_calendar


async def filing_review(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> FilingReviewView:
    """The stored review of a dispute; 404 when the dispute, or its review, does not exist."""
    async with sessions() as session:
        row = (await session.execute(select(filing_reviews).where(filing_reviews.c.case_id == case_id))).one_or_none()
        if row is None:
            exists = await session.scalar(select(disputes.c.id).where(disputes.c.id == case_id))
            raise FilingReviewNotFound(case_id) if exists else DisputeNotFound(case_id)
    return FilingReviewView.model_validate(dict(row._mapping))


async def filing_review_or_none(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> FilingReviewView | None:
    """The stored review of a dispute, if there is one."""
    try:
        return await filing_review(sessions, case_id)
    except FilingReviewNotFound:
        return None


async def holiday_calendar(sessions: async_sessionmaker[AsyncSession]) -> HolidayCalendarView:
    """The years covered: packaged with the release, and loaded since (a loaded year replaces a packaged one)."""
    async with sessions() as session:
        loaded = await holiday_years.loaded_years(session)
    packaged = _packaged_years()
    years = dict(packaged)
    for entry in loaded:
        years[entry.year] = HolidayYearView(
            year=entry.year,
            origin="loaded",
            days=entry.days,
            source_url=entry.source_url,
            loaded_by=entry.loaded_by,
            loaded_at=entry.loaded_at,
            replaces_packaged=entry.year in packaged,
        )
    ordered = [years[year] for year in sorted(years)]
    return HolidayCalendarView(years=ordered, covered_years=[view.year for view in ordered])


def _packaged_years() -> dict[int, HolidayYearView]:
    calendar = official_calendar()
    views: dict[int, HolidayYearView] = {}
    for year in sorted(calendar.years):
        rows = [r for r in calendar.rows if r.day.year == year]
        source = rows[0].source if rows else ""
        views[year] = HolidayYearView(year=year, origin="packaged", days=len(rows), source_url=source)
    return views
