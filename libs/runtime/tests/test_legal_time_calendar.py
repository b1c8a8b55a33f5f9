"""The official working-day calendar: the packaged notices, validation of a new year, merging."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from adr_runtime.legal_time import (
    CalendarDataError,
    CalendarRow,
    DayKind,
    HolidayCalendar,
    official_calendar,
    parse_csv,
    validate_year_rows,
    with_extra_years,
)

pytestmark = pytest.mark.clause("M4")

NOTICE = "国办发明电〔2026〕X号（测试用）"


def a_row(day: str, kind: str = "holiday", name: str = "国庆节") -> CalendarRow:
    return CalendarRow(day=date.fromisoformat(day), kind=DayKind(kind), name_zh=name, source=NOTICE)


def lines_of(error: pytest.ExceptionInfo[CalendarDataError]) -> list[tuple[int, str]]:
    return [(p.line, p.field) for p in error.value.problems]


def test_packaged_calendar_covers_2025_and_2026_only() -> None:
    calendar = official_calendar()

    assert calendar.years == frozenset({2025, 2026})
    assert calendar.covers(2026) and not calendar.covers(2027)


def test_make_up_workdays_are_working_days() -> None:
    calendar = official_calendar()

    assert calendar.is_working_day(date(2025, 9, 28))  # Sunday, 国庆节、中秋节 调休
    assert calendar.is_working_day(date(2026, 2, 14))  # Saturday, 春节 调休


def test_weekday_holidays_and_plain_weekends_are_rest_days() -> None:
    calendar = official_calendar()

    assert calendar.is_rest_day(date(2025, 10, 8))  # Wednesday inside 国庆节、中秋节
    assert calendar.is_rest_day(date(2026, 2, 21))  # Saturday inside 春节, not listed
    assert calendar.is_working_day(date(2025, 10, 9))


def test_row_gives_the_holiday_name_and_its_source() -> None:
    row = official_calendar().row(date(2026, 2, 17))

    assert row is not None
    assert (row.kind, row.name_zh) == (DayKind.HOLIDAY, "春节")
    assert row.source.startswith("https://www.gov.cn/")


def test_an_uncovered_year_is_judged_on_weekends_alone() -> None:
    calendar = official_calendar()

    assert calendar.is_working_day(date(2027, 10, 1))  # a Friday: no 2027 notice loaded
    assert calendar.is_rest_day(date(2027, 10, 2))


def test_merging_a_year_covers_it_and_keeps_the_others() -> None:
    notice = [a_row("2027-10-01"), a_row("2027-10-09", "workday")]

    calendar = official_calendar().merged(notice)

    assert calendar.years == frozenset({2025, 2026, 2027})
    assert calendar.is_rest_day(date(2027, 10, 1))
    assert calendar.is_working_day(date(2027, 10, 9))
    assert calendar.is_working_day(date(2025, 9, 28))
    assert not official_calendar().covers(2027)  # the original is immutable


def test_merging_a_loaded_year_again_replaces_it() -> None:
    calendar = official_calendar().merged([a_row("2026-12-31", name="元旦")])

    assert calendar.is_working_day(date(2026, 10, 1))
    assert calendar.is_rest_day(date(2026, 12, 31))
    assert calendar.is_working_day(date(2026, 2, 17))
    assert calendar.is_rest_day(date(2025, 10, 8))


def test_extra_years_given_as_rows_are_merged_year_by_year() -> None:
    calendar = with_extra_years(official_calendar(), [a_row("2028-10-02"), a_row("2027-10-01")])

    assert {2027, 2028} <= calendar.years
    assert calendar.is_rest_day(date(2028, 10, 2))


def test_a_notice_must_hold_one_year() -> None:
    with pytest.raises(CalendarDataError) as error:
        validate_year_rows([a_row("2027-10-01"), a_row("2028-10-02")])

    assert lines_of(error) == [(2, "date")]


def test_a_notice_must_not_repeat_a_date() -> None:
    with pytest.raises(CalendarDataError) as error:
        validate_year_rows([a_row("2027-10-01"), a_row("2027-10-04"), a_row("2027-10-01")])

    assert lines_of(error) == [(3, "date")]
    assert "第1行" in error.value.problems[0].message


def test_a_holiday_row_must_fall_on_a_weekday() -> None:
    with pytest.raises(CalendarDataError) as error:
        validate_year_rows([a_row("2027-10-02")])  # a Saturday

    assert lines_of(error) == [(1, "kind")]


def test_a_workday_row_must_fall_on_a_weekend() -> None:
    with pytest.raises(CalendarDataError) as error:
        validate_year_rows([a_row("2027-09-27", "workday")])  # a Monday

    assert lines_of(error) == [(1, "kind")]


def test_an_empty_notice_is_refused() -> None:
    with pytest.raises(CalendarDataError, match="没有任何日期行"):
        validate_year_rows([])


def test_merging_refuses_an_invalid_notice_and_names_every_problem() -> None:
    with pytest.raises(CalendarDataError) as error:
        official_calendar().merged([a_row("2027-10-02"), a_row("2027-10-04", "workday")])

    assert lines_of(error) == [(1, "kind"), (2, "kind")]
    assert str(error.value).startswith("节假日数据有误：第1行 kind")


def test_csv_rows_are_read_with_the_packaged_columns() -> None:
    text = "date,kind,name_zh,source_url\n2027-10-01,holiday,国庆节,https://www.gov.cn/x\n"

    [row] = parse_csv(text)

    assert row == CalendarRow(date(2027, 10, 1), DayKind.HOLIDAY, "国庆节", "https://www.gov.cn/x")


def test_unreadable_csv_rows_are_reported_field_by_field() -> None:
    text = "date,kind,name_zh,source_url\n2027-13-01,holiday,国庆节,u\n2027-10-01,rest,,\n"

    with pytest.raises(CalendarDataError) as error:
        parse_csv(text)

    assert lines_of(error) == [(1, "date"), (2, "kind"), (2, "name_zh"), (2, "source_url")]


def test_a_calendar_from_rows_refuses_rows_contradicting_the_week() -> None:
    with pytest.raises(CalendarDataError):
        HolidayCalendar.from_rows([a_row("2027-10-03")])


def test_every_day_of_2025_and_2026_agrees_with_chinese_calendar() -> None:
    calendar = official_calendar()
    day, disagreements, checked = date(2025, 1, 1), [], 0
    while day.year < 2027:
        if calendar.is_working_day(day) != chinese_calendar.is_workday(day):
            disagreements.append(day)
        day, checked = day + timedelta(days=1), checked + 1

    assert checked == 730
    assert disagreements == []
