"""Counting legal periods (期间计算, RULES.md §0.3).

- The day of the triggering event is not counted (ALL-Interp art.48; CPL art.85).
- A period whose last day is a statutory holiday or rest day ends on the next working day.
- A period in months ends on the same day of the month, or on the month's last day if there is
  no such day (Civil Code arts.200–203).
- The "3/5/7/10-day" periods of the Administrative Reconsideration Law are working days (ARL art.88(2)).

Where a day must be judged in a year whose official schedule is not loaded, it is judged on
weekends alone and the result is *provisional*, naming the missing years. Nothing raises for
that: deadlines are shown with the warning, and recomputed once the notice is loaded.
"""

import calendar as gregorian
from dataclasses import dataclass
from datetime import date, timedelta

from adr_runtime.legal_time.calendar import HolidayCalendar, official_calendar

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class PeriodEnd:
    """The last day of a period.

    Attributes:
        day: the last day on which the act may be done.
        provisional: some day that decided ``day`` lies in a year whose official schedule is missing.
        missing_years: those years, ascending.
        not_before: the earliest ``day`` could become once the missing schedules are loaded
            (equal to ``day`` when not provisional).
    """

    day: date
    provisional: bool = False
    missing_years: tuple[int, ...] = ()
    not_before: date | None = None

    @property
    def floor(self) -> date:
        """``not_before``, or ``day`` when it is fixed."""
        return self.not_before or self.day


def fixed(day: date) -> PeriodEnd:
    """A date that depends on no calendar (e.g. an outer limit in years)."""
    return PeriodEnd(day=day, not_before=day)


class _Judge:
    """Judges days on a calendar and remembers which uncovered years it had to guess."""

    def __init__(self, calendar: HolidayCalendar | None) -> None:
        self.calendar = calendar or official_calendar()
        self.missing: set[int] = set()

    def is_working_day(self, day: date) -> bool:
        if not self.calendar.covers(day.year):
            self.missing.add(day.year)
        return self.calendar.is_working_day(day)

    def roll(self, day: date) -> date:
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def result(self, day: date, floor: date) -> PeriodEnd:
        missing = tuple(sorted(self.missing))
        return PeriodEnd(
            day=day, provisional=bool(missing), missing_years=missing, not_before=floor if missing else day
        )


def days(start: date, n: int, *, calendar: HolidayCalendar | None = None) -> PeriodEnd:
    """The end of a period of ``n`` days after ``start`` (ALL-Interp art.48; CPL art.85)."""
    _require_positive(n)
    judge = _Judge(calendar)
    raw = start + timedelta(days=n)
    return judge.result(judge.roll(raw), raw)


def months(start: date, n: int, *, calendar: HolidayCalendar | None = None) -> PeriodEnd:
    """The end of a period of ``n`` months after ``start``, clamped to the month's last day, then rolled."""
    _require_positive(n)
    judge = _Judge(calendar)
    raw = add_months(start, n)
    return judge.result(judge.roll(raw), raw)


def working_days(start: date, n: int, *, calendar: HolidayCalendar | None = None) -> PeriodEnd:
    """The ``n``-th working day after ``start`` (ARL art.88(2))."""
    _require_positive(n)
    judge = _Judge(calendar)
    day, counted = start, 0
    while counted < n:
        day += ONE_DAY
        counted += judge.is_working_day(day)
    # If every guessed weekend turned out to be worked, the n-th working day could come sooner.
    return judge.result(day, start + timedelta(days=n))


def add_months(start: date, n: int) -> date:
    """The same day ``n`` months later, or that month's last day (no rolling)."""
    index = start.month - 1 + n
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, gregorian.monthrange(year, month)[1]))


def add_years(start: date, n: int) -> date:
    """The same day ``n`` years later; 29 February becomes 28 February (outer limits, ALL art.46(2))."""
    try:
        return start.replace(year=start.year + n)
    except ValueError:
        return start.replace(year=start.year + n, day=28)


def earliest(*ends: PeriodEnd | None) -> PeriodEnd | None:
    """The earliest of several period ends (e.g. a deadline capped by an outer limit).

    The result stays provisional while a provisional candidate could still come out earlier
    than it once the missing schedules are loaded.
    """
    present = [e for e in ends if e is not None]
    if not present:
        return None
    chosen = min(present, key=lambda end: end.day)
    doubtful = [e for e in present if e.provisional and e.floor <= chosen.day]
    missing = tuple(sorted({y for e in doubtful for y in e.missing_years}))
    floor = min((e.floor for e in doubtful), default=chosen.day)
    return PeriodEnd(day=chosen.day, provisional=bool(missing), missing_years=missing, not_before=floor)


def _require_positive(n: int) -> None:
    if n < 1:
        raise ValueError(f"a period counts at least one unit, got {n}")
