"""Legal time: China's official working-day calendar and the counting of legal periods (RULES.md §0.3).

Pure standard library, so that service domains may import it.
"""

from adr_runtime.legal_time.calendar import HolidayCalendar, official_calendar, with_extra_years
from adr_runtime.legal_time.periods import (
    PeriodEnd,
    add_months,
    add_years,
    days,
    earliest,
    fixed,
    months,
    working_days,
)
from adr_runtime.legal_time.rows import (
    CalendarDataError,
    CalendarRow,
    DayKind,
    RowProblem,
    parse_csv,
    parse_rows,
    validate_year_rows,
)

__all__ = [
    "CalendarDataError",
    "CalendarRow",
    "DayKind",
    "HolidayCalendar",
    "PeriodEnd",
    "RowProblem",
    "add_months",
    "add_years",
    "days",
    "earliest",
    "fixed",
    "months",
    "official_calendar",
    "parse_csv",
    "parse_rows",
    "validate_year_rows",
    "with_extra_years",
    "working_days",
]
