"""Procuratorial suggestions (P3): the reply deadline with holidays, and every allowed and refused transition."""

from datetime import date
from uuid import uuid4

import pytest

from adr_procuratorate_bridge.domain.errors import Conflict, DomainError
from adr_procuratorate_bridge.domain.suggestions import (
    ReplyRules,
    Suggestion,
    SuggestionIssued,
    SuggestionKind,
    SuggestionOverdue,
    SuggestionReplied,
    SuggestionStatus,
)

pytestmark = pytest.mark.clause("P3")

RULES = ReplyRules()


def a_draft(*, urgent: bool = False) -> Suggestion:
    return Suggestion.draft(
        id=uuid4(), kind=SuggestionKind.SOCIAL_GOVERNANCE, agency_code="WJG-SCJ", topic_code="procedure",
        findings="行政处罚未告知陈述申辩权利", recommendations="规范处罚告知程序", urgent=urgent,
    )


def issued(served_on: date = date(2026, 3, 2), *, urgent: bool = False) -> Suggestion:
    suggestion = a_draft(urgent=urgent)
    suggestion.issue(suggestion_no="宜伍检行建〔2026〕1号", served_on=served_on, rules=RULES)
    return suggestion


@pytest.mark.parametrize(
    ("served_on", "due"),
    [
        (date(2026, 3, 2), date(2026, 5, 6)),  # 2 May falls in the Labour Day holiday (1–5 May): next working day
        (date(2025, 12, 16), date(2026, 2, 24)),  # 16 Feb is Spring Festival (15–23 Feb): rolls to the 24th
        (date(2026, 8, 1), date(2026, 10, 8)),  # 1 Oct is National Day (1–7 Oct): rolls to the 8th
        (date(2026, 4, 15), date(2026, 6, 15)),  # an ordinary Monday: no roll-over
        (date(2025, 12, 31), date(2026, 2, 28)),  # no 31 February: the last day, a Saturday worked in lieu (调休)
    ],
)
def test_the_reply_is_due_two_months_after_service_rolled_past_holidays(served_on: date, due: date) -> None:
    assert RULES.due(served_on, urgent=False).day == due


def test_a_deadline_in_a_year_without_the_official_schedule_is_provisional() -> None:
    suggestion = issued(date(2026, 11, 28))

    assert suggestion.reply_due_on == date(2027, 1, 28) and suggestion.reply_due_provisional


def test_an_urgent_suggestion_is_due_in_fifteen_days_and_the_period_is_configurable() -> None:
    assert RULES.due(date(2026, 9, 16), urgent=True).day == date(2026, 10, 8)  # 1 Oct, rolled past National Day
    assert ReplyRules(months=1).due(date(2026, 4, 15), urgent=False).day == date(2026, 5, 15)


def test_a_draft_needs_findings_and_recommendations() -> None:
    with pytest.raises(DomainError, match="发现的问题和建议内容"):
        Suggestion.draft(
            id=uuid4(), kind=SuggestionKind.OTHER, agency_code="A", topic_code="t", findings=" ", recommendations="x"
        )


def test_issuing_a_draft_numbers_it_and_raises_the_event() -> None:
    suggestion = issued(date(2026, 3, 2))

    assert suggestion.status is SuggestionStatus.ISSUED
    assert (suggestion.suggestion_no, suggestion.issued_on) == ("宜伍检行建〔2026〕1号", date(2026, 3, 2))
    assert not suggestion.reply_due_provisional
    assert suggestion.events == [SuggestionIssued(suggestion.id)]


@pytest.mark.parametrize("state", ["issued", "overdue", "replied"])
def test_only_a_draft_can_be_issued(state: str) -> None:
    suggestion = issued()
    if state == "overdue":
        suggestion.notice_overdue(date(2026, 6, 1))
    if state == "replied":
        suggestion.reply(replied_on=date(2026, 4, 1), adopted=False, measures=())

    with pytest.raises(Conflict, match="不能重复发出"):
        suggestion.issue(suggestion_no="X", served_on=date(2026, 4, 2), rules=RULES)


def test_a_reply_on_time_records_measures_and_no_days_late() -> None:
    suggestion = issued()
    suggestion.events.clear()

    measures = ("修订处罚流程", " ", "开展培训")
    suggestion.reply(replied_on=date(2026, 5, 6), adopted=True, measures=measures, summary="已整改")

    assert suggestion.status is SuggestionStatus.REPLIED
    assert (suggestion.adopted, suggestion.measures, suggestion.days_late) == (True, ("修订处罚流程", "开展培训"), 0)
    assert suggestion.events == [SuggestionReplied(suggestion.id)]


def test_a_late_reply_after_the_overdue_notice_counts_its_days_late() -> None:
    suggestion = issued()
    suggestion.notice_overdue(date(2026, 5, 7))

    suggestion.reply(replied_on=date(2026, 5, 16), adopted=False, measures=())

    assert (suggestion.status, suggestion.days_late) == (SuggestionStatus.REPLIED, 10)


def test_a_draft_cannot_be_replied_to_nor_a_suggestion_twice() -> None:
    draft, done = a_draft(), issued()
    done.reply(replied_on=date(2026, 4, 1), adopted=False, measures=())

    with pytest.raises(Conflict, match="尚未发出"):
        draft.reply(replied_on=date(2026, 4, 1), adopted=False, measures=())
    with pytest.raises(Conflict, match="不能重复回复"):
        done.reply(replied_on=date(2026, 4, 2), adopted=False, measures=())


def test_an_adopted_reply_needs_measures_and_cannot_precede_the_suggestion() -> None:
    suggestion = issued()

    with pytest.raises(DomainError, match="整改措施"):
        suggestion.reply(replied_on=date(2026, 4, 1), adopted=True, measures=(" ",))
    with pytest.raises(DomainError, match="不能早于"):
        suggestion.reply(replied_on=date(2026, 3, 1), adopted=False, measures=())
    assert suggestion.status is SuggestionStatus.ISSUED


def test_overdue_is_noticed_once_and_only_after_the_deadline() -> None:
    suggestion = issued()  # due 2026-05-06
    suggestion.events.clear()

    assert not suggestion.notice_overdue(date(2026, 5, 6))
    assert suggestion.notice_overdue(date(2026, 5, 7))
    assert not suggestion.notice_overdue(date(2026, 5, 8))
    assert suggestion.status is SuggestionStatus.OVERDUE
    assert suggestion.events == [SuggestionOverdue(suggestion.id, date(2026, 5, 7))]


def test_drafts_and_replied_suggestions_are_never_overdue() -> None:
    draft, done = a_draft(), issued()
    done.reply(replied_on=date(2026, 4, 1), adopted=False, measures=())

    assert not draft.notice_overdue(date(2030, 1, 1)) and not done.notice_overdue(date(2030, 1, 1))


@pytest.mark.parametrize(
    ("today", "warning"),
    [
        (date(2026, 4, 20), None),
        (date(2026, 4, 21), "due_in_15"),
        (date(2026, 5, 1), "due_in_5"),
        (date(2026, 5, 6), "due_in_5"),
        (date(2026, 5, 7), "overdue"),
    ],
)
def test_warnings_fifteen_and_five_days_before_the_deadline_then_overdue(today: date, warning: str | None) -> None:
    assert issued().warning(today, RULES) == warning
