"""Every allowed and refused transition of suggestions (K3, C5, M10), decisions (M7) and appearances (M5)."""

from datetime import date
from uuid import uuid4

import pytest

from adr_court_bridge.domain.decisions import APPEALED, FINAL, Decision
from adr_court_bridge.domain.errors import DecisionRefused, HearingRefused, SuggestionStateError
from adr_court_bridge.domain.hearings import Appearance, Appeared, HeadRank, HeadRequired
from adr_court_bridge.domain.suggestions import Suggestion, SuggestionStatus, Trigger


def a_draft(agency: str | None = "WJG-SCJ") -> Suggestion:
    return Suggestion(
        id=uuid4(), kind="individual", trigger=Trigger.MANUAL, topic_code="t", content="c", agency_code=agency
    )


def issued() -> Suggestion:
    s = a_draft()
    s.issue(
        suggestion_no="伍法建〔2026〕1号", issued_on=date(2026, 3, 2), reply_due_on=date(2026, 5, 6), agency_code=None
    )
    return s


@pytest.mark.clause("K3", "C5")
def test_a_draft_is_issued_then_replied() -> None:
    s = issued()
    late = s.reply(replied_on=date(2026, 5, 8), adopted=True, measures="整改")

    assert (s.status, late, s.changes) == (SuggestionStatus.REPLIED, 2, ["issued", "replied"])


@pytest.mark.clause("K3")
@pytest.mark.parametrize(
    ("prepare", "action"),
    [
        (a_draft, lambda s: s.reply(replied_on=date(2026, 5, 1), adopted=True, measures="x")),
        (
            issued,
            lambda s: s.issue(
                suggestion_no="n", issued_on=date(2026, 3, 3), reply_due_on=date(2026, 5, 3), agency_code=None
            ),
        ),
        (issued, lambda s: s.drop()),
        (
            lambda: a_draft(None),
            lambda s: s.issue(
                suggestion_no="n", issued_on=date(2026, 3, 3), reply_due_on=date(2026, 5, 3), agency_code=None
            ),
        ),
        (
            a_draft,
            lambda s: s.issue(
                suggestion_no="n", issued_on=date(2026, 3, 3), reply_due_on=date(2026, 3, 3), agency_code=None
            ),
        ),
        (issued, lambda s: s.reply(replied_on=date(2026, 3, 1), adopted=True, measures="x")),
    ],
    ids=[
        "reply_a_draft",
        "issue_twice",
        "drop_issued",
        "issue_without_agency",
        "due_not_after_issue",
        "reply_before_issue",
    ],
)
def test_refused_suggestion_transitions(prepare, action) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SuggestionStateError):
        action(prepare())


@pytest.mark.clause("C5", "M10")
def test_overdue_is_noticed_once_after_the_due_day_and_never_for_replied_or_drafts() -> None:
    s = issued()
    replied, draft = issued(), a_draft()
    replied.reply(replied_on=date(2026, 5, 1), adopted=False, measures="x")

    assert [
        s.notice_overdue(date(2026, 5, 6)),
        s.notice_overdue(date(2026, 5, 7)),
        s.notice_overdue(date(2026, 5, 8)),
    ] == [False, True, False]
    assert not replied.notice_overdue(date(2026, 6, 1)) and not draft.notice_overdue(date(2026, 6, 1))


def test_a_draft_may_be_dropped() -> None:
    s = a_draft()
    s.drop()
    assert s.status is SuggestionStatus.DROPPED


def a_decision() -> Decision:
    return Decision(
        id=uuid4(),
        kind="judgment",
        issued_on=date(2026, 3, 1),
        served_on=date(2026, 3, 2),
        appeal_deadline=date(2026, 3, 17),
    )


@pytest.mark.clause("M7")
def test_an_appeal_within_the_window_settles_the_decision() -> None:
    d = a_decision()
    d.appeal(appealed_on=date(2026, 3, 17), appellant_is_agency=True)
    assert (d.status, d.settled_on, d.close_window(date(2026, 4, 1))) == (APPEALED, date(2026, 3, 17), False)


@pytest.mark.clause("M7")
def test_the_window_closes_the_day_after_the_deadline() -> None:
    d = a_decision()
    assert [
        d.close_window(date(2026, 3, 17)),
        d.close_window(date(2026, 3, 18)),
        d.close_window(date(2026, 3, 19)),
    ] == [False, True, False]
    assert d.status == FINAL
    with pytest.raises(DecisionRefused):
        d.appeal(appealed_on=date(2026, 3, 16), appellant_is_agency=False)


@pytest.mark.clause("M7")
@pytest.mark.parametrize("day", [date(2026, 3, 1), date(2026, 3, 18)])
def test_appeals_before_service_or_after_the_window_are_refused(day: date) -> None:
    with pytest.raises(DecisionRefused):
        a_decision().appeal(appealed_on=day, appellant_is_agency=False)


def test_service_before_issue_is_refused() -> None:
    with pytest.raises(DecisionRefused):
        Decision(
            id=uuid4(),
            kind="ruling",
            issued_on=date(2026, 3, 2),
            served_on=date(2026, 3, 1),
            appeal_deadline=date(2026, 3, 11),
        )


@pytest.mark.clause("M5")
@pytest.mark.parametrize(
    ("appearance", "required", "violation"),
    [
        (Appearance(Appeared.HEAD, HeadRank.PRINCIPAL, spoke_to_substance=True), HeadRequired.SHALL, False),
        (Appearance(Appeared.STAFF), HeadRequired.SHALL, True),
        (
            Appearance(Appeared.STAFF, absence_reason_code="force_majeure", absence_reason_accepted=True),
            HeadRequired.SHALL,
            False,
        ),
        (
            Appearance(Appeared.STAFF, absence_reason_code="other_proper", absence_reason_accepted=False),
            HeadRequired.MAY,
            True,
        ),
        (Appearance(Appeared.STAFF), HeadRequired.NONE, False),
        (Appearance(Appeared.LAWYER_ONLY), HeadRequired.NONE, True),
        (Appearance(Appeared.NONE, absence_reason_accepted=True), HeadRequired.NONE, True),
    ],
)
def test_violations_of_the_appearance_duty(appearance: Appearance, required: HeadRequired, violation: bool) -> None:
    assert appearance.violation(required) is violation


@pytest.mark.clause("M5")
@pytest.mark.parametrize(
    "build",
    [
        lambda: Appearance(Appeared.HEAD),
        lambda: Appearance(Appeared.STAFF, HeadRank.DEPUTY),
        lambda: Appearance(Appeared.STAFF, spoke_to_substance=True),
        lambda: Appearance(Appeared.STAFF, absence_reason_code="bored"),
    ],
)
def test_inconsistent_appearance_records_are_refused(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(HearingRefused):
        build()
