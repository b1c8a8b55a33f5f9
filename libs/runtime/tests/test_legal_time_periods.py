"""Worked cases of the period rules (RULES.md §0.3) on the official 2025–2026 calendar."""

from datetime import date

import pytest

from adr_runtime.legal_time import (
    CalendarRow,
    DayKind,
    PeriodEnd,
    add_months,
    add_years,
    days,
    earliest,
    fixed,
    months,
    official_calendar,
    working_days,
)

pytestmark = pytest.mark.clause("M4")

D = date.fromisoformat

DAY_CASES = [
    # (start, n, expected end, why)
    ("2025-09-01", 15, "2025-09-16", "a plain Tuesday: the trigger day is not counted"),
    ("2025-09-05", 15, "2025-09-22", "ends on Saturday 09-20: rolls to Monday"),
    ("2025-09-16", 15, "2025-10-09", "ends on 10-01, National Day: rolls past 10-01..10-08"),
    ("2025-09-20", 15, "2025-10-09", "ends on 10-05 (a Sunday inside the span): rolls to 10-09"),
    ("2025-09-23", 15, "2025-10-09", "ends on 10-08, the span's last day"),
    ("2025-09-21", 7, "2025-09-28", "ends on Sunday 09-28, a make-up workday: no roll"),
    ("2025-09-26", 15, "2025-10-11", "ends on Saturday 10-11, a make-up workday: no roll"),
    ("2026-02-01", 15, "2026-02-24", "ends on 02-16, Spring Festival 02-15..02-23: rolls to 02-24"),
    ("2026-02-07", 7, "2026-02-14", "ends on Saturday 02-14, a make-up workday: no roll"),
    ("2026-01-16", 15, "2026-02-02", "ends on Saturday 01-31: rolls to Monday"),
    ("2025-12-17", 15, "2026-01-04", "ends on 01-01 (元旦), then 01-02, Saturday 01-03: Sunday 01-04 is worked"),
]


@pytest.mark.parametrize(("start", "n", "expected", "why"), DAY_CASES, ids=[c[3] for c in DAY_CASES])
def test_days_worked_cases(start: str, n: int, expected: str, why: str) -> None:
    end = days(D(start), n)

    assert end.day == D(expected), why
    assert not end.provisional
    assert end.missing_years == ()


MONTH_CASES = [
    ("2025-09-10", 6, "2026-03-10", "a penalty known on 2025-09-10: six months end on a Tuesday"),
    ("2025-04-01", 6, "2025-10-09", "ends on National Day 10-01: rolls to 10-09"),
    ("2025-08-17", 6, "2026-02-24", "ends on 02-17 inside Spring Festival: rolls to 02-24"),
    ("2025-08-31", 6, "2026-02-28", "no 31 February: clamps to 02-28, a Saturday worked (调休): no roll"),
    ("2025-01-31", 10, "2025-12-01", "no 31 November: clamps to Sunday 11-30, then rolls to Monday"),
    ("2025-03-31", 1, "2025-04-30", "no 31 April: clamps to 04-30"),
    ("2025-03-03", 12, "2026-03-03", "one year in months"),
    ("2025-07-10", 2, "2025-09-10", "two months (failure-to-act waiting period)"),
]


@pytest.mark.parametrize(("start", "n", "expected", "why"), MONTH_CASES, ids=[c[3] for c in MONTH_CASES])
def test_months_worked_cases(start: str, n: int, expected: str, why: str) -> None:
    assert months(D(start), n).day == D(expected), why


WORKING_DAY_CASES = [
    ("2025-09-26", 1, "2025-09-28", "Friday + 1 working day is Sunday 09-28 (make-up workday)"),
    ("2025-09-30", 1, "2025-10-09", "the National Day span is skipped"),
    ("2025-09-29", 5, "2025-10-13", "09-30, 10-09, 10-10, Saturday 10-11 (worked), Monday 10-13"),
    ("2026-02-13", 5, "2026-02-27", "02-14 (Saturday, worked), then 02-24..02-27 after Spring Festival"),
    ("2025-12-31", 3, "2026-01-06", "01-01, 01-02 off, 01-04 worked, then 01-05, 01-06"),
]


@pytest.mark.parametrize(("start", "n", "expected", "why"), WORKING_DAY_CASES, ids=[c[3] for c in WORKING_DAY_CASES])
def test_working_days_worked_cases(start: str, n: int, expected: str, why: str) -> None:
    assert working_days(D(start), n).day == D(expected), why


def test_a_2027_end_is_provisional_and_names_the_missing_year() -> None:
    end = days(D("2026-12-20"), 15)  # 2027-01-04, a Monday: no 2027 notice loaded

    assert end.day == D("2027-01-04")
    assert end.provisional
    assert end.missing_years == (2027,)


def test_a_2027_end_is_rolled_over_weekends_alone() -> None:
    end = months(D("2026-10-02"), 12)  # 2027-10-02 is a Saturday

    assert end == PeriodEnd(D("2027-10-04"), provisional=True, missing_years=(2027,), not_before=D("2027-10-02"))


def test_a_period_starting_in_an_uncovered_year_is_exact_when_it_ends_in_a_covered_one() -> None:
    end = months(D("2024-11-20"), 6)

    assert end.day == D("2025-05-20")
    assert not end.provisional


def test_working_days_into_2027_are_provisional() -> None:
    end = working_days(D("2026-12-30"), 3)

    assert end.day == D("2027-01-04")
    assert end.missing_years == (2027,)


def test_a_loaded_2027_notice_makes_the_same_period_exact() -> None:
    notice = [
        CalendarRow(D("2027-01-01"), DayKind.HOLIDAY, "元旦", "测试"),
        CalendarRow(D("2027-01-04"), DayKind.HOLIDAY, "元旦", "测试"),
    ]
    calendar = official_calendar().merged(notice)

    end = days(D("2026-12-20"), 15, calendar=calendar)

    assert end == PeriodEnd(D("2027-01-05"), not_before=D("2027-01-05"))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2020-03-10", 5, "2025-03-10"),
        ("2006-05-10", 20, "2026-05-10"),
        ("2024-02-29", 5, "2029-02-28"),
        ("2008-02-29", 20, "2028-02-29"),
    ],
)
def test_add_years_for_the_outer_limits(start: str, n: int, expected: str) -> None:
    assert add_years(D(start), n) == D(expected)


def test_add_months_clamps_without_rolling() -> None:
    assert add_months(D("2025-08-31"), 6) == D("2026-02-28")
    assert add_months(D("2023-11-30"), 3) == D("2024-02-29")


def test_earliest_picks_the_first_day() -> None:
    chosen = earliest(days(D("2025-09-01"), 15), fixed(D("2025-09-10")), None)

    assert chosen == fixed(D("2025-09-10"))


def test_earliest_stays_provisional_while_a_provisional_candidate_could_come_sooner() -> None:
    guess = months(D("2026-10-02"), 12)  # 2027-10-04, could be 2027-10-02 if that Saturday is worked
    cap = fixed(D("2027-10-03"))

    chosen = earliest(guess, cap)

    assert chosen is not None
    assert chosen.day == D("2027-10-03")
    assert chosen.missing_years == (2027,)


def test_earliest_is_exact_when_the_provisional_candidate_cannot_come_sooner() -> None:
    chosen = earliest(months(D("2026-10-02"), 12), fixed(D("2027-09-30")))

    assert chosen == fixed(D("2027-09-30"))


def test_earliest_of_nothing_is_none() -> None:
    assert earliest(None, None) is None


@pytest.mark.parametrize("count", [days, months, working_days])
def test_a_period_counts_at_least_one_unit(count: object) -> None:
    with pytest.raises(ValueError, match="at least one unit"):
        count(D("2025-09-01"), 0)  # type: ignore[operator]
