"""Properties of the period rules (RULES.md §0.3), over 2024–2028: covered and uncovered years alike."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adr_runtime.legal_time import add_months, days, months, official_calendar, working_days

pytestmark = pytest.mark.clause("M4")

CALENDAR = official_calendar()
starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=1, max_value=400)
month_counts = st.integers(min_value=1, max_value=24)


def between(first: date, last: date) -> list[date]:
    """Every day from ``first`` up to, not including, ``last``."""
    return [first + timedelta(days=i) for i in range((last - first).days)]


def guessed_years(first: date, last: date) -> set[int]:
    return {d.year for d in (*between(first, last), last) if not CALENDAR.covers(d.year)}


@given(starts, counts)
def test_days_never_end_before_start_plus_n(start: date, n: int) -> None:
    assert days(start, n).day >= start + timedelta(days=n)


@given(starts, counts)
def test_days_end_on_a_working_day(start: date, n: int) -> None:
    end = days(start, n)

    # Outside the covered years the calendar knows weekends alone: a weekday is working there.
    assert CALENDAR.is_working_day(end.day)
    if end.provisional:
        assert end.day.weekday() < 5


@given(starts, counts)
def test_days_roll_minimally_over_rest_days_only(start: date, n: int) -> None:
    raw = start + timedelta(days=n)

    assert all(CALENDAR.is_rest_day(d) for d in between(raw, days(start, n).day))


@given(starts, counts)
def test_days_are_provisional_exactly_when_a_judged_day_is_uncovered(start: date, n: int) -> None:
    end = days(start, n)
    missing = guessed_years(start + timedelta(days=n), end.day)

    assert end.provisional == bool(missing)
    assert end.missing_years == tuple(sorted(missing))
    assert end.floor <= end.day


@given(starts, month_counts)
def test_months_clamp_to_the_month_end(start: date, n: int) -> None:
    raw = add_months(start, n)

    assert (raw.year * 12 + raw.month) - (start.year * 12 + start.month) == n
    assert raw.day == start.day or (raw.day < start.day and (raw + timedelta(days=1)).month != raw.month)


@given(starts, month_counts)
def test_months_roll_minimally_from_the_clamped_day(start: date, n: int) -> None:
    raw, end = add_months(start, n), months(start, n)

    assert end.day >= raw
    assert CALENDAR.is_working_day(end.day)
    assert all(CALENDAR.is_rest_day(d) for d in between(raw, end.day))


@given(starts, st.integers(min_value=1, max_value=60))
def test_working_days_count_exactly_n_working_days(start: date, n: int) -> None:
    end = working_days(start, n)
    counted = [d for d in (*between(start + timedelta(days=1), end.day), end.day) if CALENDAR.is_working_day(d)]

    assert len(counted) == n
    assert counted[-1] == end.day
    assert end.day >= start + timedelta(days=n)
