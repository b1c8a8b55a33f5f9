"""Deadlines with China's holidays: defence, appeal, suggestion replies, hearing notices (A4, M5, M7, K3)."""

from datetime import date

import pytest

from adr_court_bridge.domain.deadlines import Periods

pytestmark = pytest.mark.clause("A4", "M5", "M7", "K3")

PERIODS = Periods()


def test_defence_is_due_15_days_after_service() -> None:
    assert PERIODS.defence_due(date(2026, 3, 2)).day == date(2026, 3, 17)


def test_a_defence_period_ending_in_the_national_day_holiday_rolls_to_the_next_working_day() -> None:
    # 2025-09-23 + 15 = 2025-10-08, the last day of the 2025 National Day / Mid-Autumn holiday
    assert PERIODS.defence_due(date(2025, 9, 23)).day == date(2025, 10, 9)


def test_a_defence_period_ending_on_a_sunday_rolls_to_monday() -> None:
    # 2025-03-01 + 15 = Sunday 2025-03-16
    assert PERIODS.defence_due(date(2025, 3, 1)).day == date(2025, 3, 17)


def test_judgment_appeal_window_is_15_days_and_ruling_10() -> None:
    served = date(2025, 4, 1)

    assert PERIODS.appeal_deadline("judgment", served).day == date(2025, 4, 16)
    assert PERIODS.appeal_deadline("ruling", served).day == date(2025, 4, 11)


def test_an_appeal_window_ending_in_the_spring_festival_rolls_past_it() -> None:
    # 2025-01-19 + 10 = 2025-01-29, inside the 2025 Spring Festival holiday (01-28 to 02-04)
    assert PERIODS.appeal_deadline("ruling", date(2025, 1, 19)).day == date(2025, 2, 5)


def test_a_make_up_working_day_is_a_working_day() -> None:
    # 2025-01-26 (Sunday) was an official make-up working day
    assert PERIODS.appeal_deadline("ruling", date(2025, 1, 16)).day == date(2025, 1, 26)


def test_suggestion_reply_is_due_two_months_later_or_the_letter_s_own_period() -> None:
    assert PERIODS.reply_due(date(2025, 3, 10)).day == date(2025, 5, 12)  # 05-10 is a Saturday
    assert PERIODS.reply_due(date(2025, 3, 10), 1).day == date(2025, 4, 10)
    assert Periods(suggestion_reply_months=1).reply_due(date(2025, 3, 10)).day == date(2025, 4, 10)


@pytest.mark.parametrize(
    ("noticed", "hearing", "in_time"),
    [(date(2026, 3, 2), date(2026, 3, 5), True), (date(2026, 3, 3), date(2026, 3, 5), False),
     (date(2026, 3, 5), date(2026, 3, 5), False), (date(2026, 2, 1), date(2026, 3, 5), True)],
)
def test_a_hearing_notice_must_come_at_least_3_days_ahead(noticed: date, hearing: date, in_time: bool) -> None:
    assert PERIODS.notice_in_time(noticed, hearing) is in_time
    assert PERIODS.latest_notice_day(date(2026, 3, 5)) == date(2026, 3, 2)


def test_the_enforcement_legality_ruling_is_due_within_7_days() -> None:
    assert PERIODS.enforcement_review_due(date(2025, 6, 3)).day == date(2025, 6, 10)
