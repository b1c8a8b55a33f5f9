"""``/api/v1/holiday-calendar``: loading a year's official holiday schedule without a release (RULES.md §0.3)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.exceptions import RequestValidationError

from adr_intake import filing_views
from adr_intake.api.calendar_schemas import HolidayCalendarView, HolidayYearRequest, HolidayYearView
from adr_intake.domain.holiday_year import FIRST_YEAR, LAST_YEAR
from adr_intake.holiday_calendar import LoadHolidayYear, load_holiday_year
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep
from adr_runtime.auth import Role, require_roles
from adr_runtime.legal_time import CalendarDataError

router = APIRouter(prefix="/api/v1/holiday-calendar", tags=["holiday-calendar"])


@router.put("/{year}", response_model=HolidayYearView, dependencies=[Depends(require_roles(Role.ADMIN))])
async def load_year(
    year: Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)],
    body: HolidayYearRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
) -> HolidayYearView:
    """Loads one year's official schedule (国务院办公厅关于…年部分节假日安排的通知), replacing that year.

    Administrators only.
    One row per date that differs from the normal week: `holiday` for a Monday–Friday rest day,
    `workday` for a Saturday or Sunday worked (调休上班); weekend days inside a holiday are not
    listed. Every row must fall in `year`, no date twice. Problems are a 422 problem listing each
    row's field (`rows.<index>.<field>`) with a Chinese message; nothing is stored then. From the
    next request on, filing deadlines in that year are no longer provisional.
    """
    command = LoadHolidayYear(year=year, source_url=body.source_url, records=body.records())
    try:
        await load_holiday_year(command, ctx.sessions, ctx.tables, actor=actor, now=now)
    except CalendarDataError as exc:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "rows", p.line - 1, p.field) if p.line else ("body", "rows"),
                    "msg": p.message,
                    "type": "calendar_row",
                }
                for p in exc.problems
            ]
        ) from None
    overview = await filing_views.holiday_calendar(ctx.sessions)
    return next(view for view in overview.years if view.year == year)


@router.get("", response_model=HolidayCalendarView)
async def holiday_calendar(ctx: ContextDep) -> HolidayCalendarView:
    """The years whose official schedule is covered, packaged with the release or loaded since.

    In any other year, deadlines are counted on weekends alone and marked provisional.
    """
    return await filing_views.holiday_calendar(ctx.sessions)
