"""China's official working-day calendar: statutory holidays and make-up workdays (调休上班).

Built from the State Council General Office's yearly notices. A year is *covered* only when its
notice was loaded; for any other year the calendar knows weekends alone, and the period functions
mark what they compute there as provisional.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from adr_runtime.legal_time.rows import (
    CalendarDataError,
    CalendarRow,
    DayKind,
    parse_csv,
    rows_problems,
    validate_year_rows,
)

PACKAGED_CSV = "holidays_cn.csv"


class HolidayCalendar:
    """An immutable working-day calendar for the years whose official schedule it holds."""

    __slots__ = ("_rows", "_years")

    def __init__(self, rows: Iterable[CalendarRow] = (), *, years: Iterable[int] = ()) -> None:
        """Builds a calendar without checks; ``from_rows`` validates official rows first.

        Args:
            rows: the official rows (one per date).
            years: covered years beyond those that have rows.
        """
        by_day = {row.day: row for row in rows}
        self._rows: Mapping[date, CalendarRow] = MappingProxyType(dict(sorted(by_day.items())))
        self._years = frozenset(years) | {d.year for d in by_day}

    @classmethod
    def from_rows(cls, rows: Iterable[CalendarRow]) -> "HolidayCalendar":
        """A calendar from official rows of one or more years (no duplicates, consistent with the week).

        Raises:
            CalendarDataError: listing every problem.
        """
        rows = tuple(rows)
        problems = rows_problems(rows)
        if problems:
            raise CalendarDataError(tuple(problems))
        return cls(rows)

    @property
    def years(self) -> frozenset[int]:
        """The years whose official schedule is loaded."""
        return self._years

    @property
    def rows(self) -> tuple[CalendarRow, ...]:
        """The official rows, by date."""
        return tuple(self._rows.values())

    def covers(self, year: int) -> bool:
        """True when the official schedule of ``year`` is loaded."""
        return year in self._years

    def is_working_day(self, day: date) -> bool:
        """A make-up workday, or a Monday–Friday that is no official holiday."""
        row = self._rows.get(day)
        if row is not None:
            return row.kind is DayKind.WORKDAY
        return day.weekday() < 5

    def is_rest_day(self, day: date) -> bool:
        """A statutory holiday or a rest day (节假日)."""
        return not self.is_working_day(day)

    def row(self, day: date) -> CalendarRow | None:
        """The official row of ``day`` if the notice lists it (for the holiday's name)."""
        return self._rows.get(day)

    def merged(self, rows: Iterable[CalendarRow]) -> "HolidayCalendar":
        """A new calendar with one year's notice added, replacing that year if it was loaded.

        This is how an administrator loads a year's official schedule without a release.

        Raises:
            CalendarDataError: the rows are not one valid year (see ``validate_year_rows``).
        """
        rows = tuple(rows)
        year = validate_year_rows(rows)
        kept = tuple(r for r in self._rows.values() if r.day.year != year)
        return HolidayCalendar((*kept, *rows), years=self._years | {year})

    def __repr__(self) -> str:
        return f"HolidayCalendar(years={sorted(self._years)}, rows={len(self._rows)})"


def with_extra_years(base: HolidayCalendar, extra: Iterable[CalendarRow]) -> HolidayCalendar:
    """``base`` with further official years merged in, each year validated as one notice."""
    by_year: dict[int, list[CalendarRow]] = {}
    for row in extra:
        by_year.setdefault(row.day.year, []).append(row)
    calendar = base
    for year in sorted(by_year):
        calendar = calendar.merged(by_year[year])
    return calendar


@lru_cache(maxsize=1)
def official_calendar() -> HolidayCalendar:
    """The calendar of the notices shipped with this release (``legal_time/data/holidays_cn.csv``)."""
    data = resources.files("adr_runtime.legal_time").joinpath("data", PACKAGED_CSV)
    return HolidayCalendar.from_rows(parse_csv(data.read_text(encoding="utf-8")))
