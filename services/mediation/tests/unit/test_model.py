"""The mediation case's state machine: every allowed and refused move, the period, the agreement and its
obligations, the endings and the follow-up that reopens."""

from datetime import date, timedelta
from uuid import uuid4

import pytest

from adr_mediation.domain.errors import (
    ConfirmationRefused,
    DateBeforeOpening,
    DomainError,
    InvalidAgreement,
    InvalidFollowUp,
    InvalidNextRoute,
    MediationAlreadyOpen,
    ObligationsOutstanding,
    PeriodNotExtendable,
)
from adr_mediation.domain.events import (
    AgreementReached,
    ConfirmationRequested,
    FollowUpRecorded,
    MediationClosed,
    MediationFailed,
    MediationOpened,
    ObligationFulfilled,
    ObligationOverdue,
)
from adr_mediation.domain.model import (
    TRANSITIONS,
    MediationCase,
    MediationStatus,
    Stage,
    opens_mediation,
    period_end,
    period_warning,
)

from ..builders import (
    FIRST_RECEIVED_ON,
    ROUTED_ON,
    SIGNATURES,
    T0,
    a_failure,
    a_referral,
    an_agreement,
    an_obligation,
    an_open_case,
)

pytestmark = pytest.mark.clause("M3", "W3")

S = MediationStatus
DAY = date(2026, 12, 12)


def move(case: MediationCase, target: MediationStatus) -> None:
    """Asks the aggregate for the one action that leads to ``target``."""
    match target:
        case S.IN_SESSION:
            case.session_held(held_on=DAY)
        case S.AGREEMENT:
            case.draft_agreement(an_agreement(), now=T0)
        case S.PERFORMING:
            case.sign_agreement(SIGNATURES, now=T0)
        case S.CLOSED:
            case.close_performed(closed_on=date(2027, 1, 5), now=T0)
        case S.FAILED:
            case.fail(a_failure(), now=T0)
        case S.WITHDRAWN:
            case.withdraw(withdrawn_on=DAY, now=T0)
        case S.SELF_CORRECTED:
            case.self_correct(corrected_on=DAY, now=T0)
        case S.REOPENED:
            case.record_follow_up(visited_on=date(2027, 2, 1), outcome="promise_broken", now=T0)


def a_case_in(status: MediationStatus) -> MediationCase:
    """A case brought to ``status`` through the aggregate's own methods, its events cleared."""
    case = an_open_case()
    path = {
        S.OPENED: [], S.IN_SESSION: [S.IN_SESSION], S.AGREEMENT: [S.AGREEMENT],
        S.PERFORMING: [S.AGREEMENT, S.PERFORMING], S.CLOSED: [S.AGREEMENT, S.PERFORMING, S.CLOSED],
        S.FAILED: [S.FAILED], S.WITHDRAWN: [S.WITHDRAWN], S.SELF_CORRECTED: [S.SELF_CORRECTED],
        S.REOPENED: [S.WITHDRAWN, S.REOPENED],
    }[status]
    for step in path:
        if step is S.CLOSED:
            _fulfil_all(case)
        move(case, step)
    if status is S.PERFORMING:
        _fulfil_all(case)  # so that closing is decided by the state alone
    case.events.clear()
    return case


def _fulfil_all(case: MediationCase) -> None:
    assert case.agreement is not None
    for item in case.agreement.obligations:
        if not item.fulfilled:
            case.fulfil(item.id, fulfilled_on=date(2026, 12, 20), evidence_note="银行转账回单", now=T0)


PAIRS = [(current, target) for current in S for target in S if target is not S.OPENED and target is not current]


def test_the_transition_table() -> None:
    allowed = {status: set(targets) for status, targets in TRANSITIONS.items()}
    working = {S.AGREEMENT, S.FAILED, S.WITHDRAWN, S.SELF_CORRECTED}

    assert allowed == {
        S.OPENED: {S.IN_SESSION} | working, S.IN_SESSION: working, S.AGREEMENT: {S.PERFORMING, S.FAILED, S.WITHDRAWN},
        S.PERFORMING: {S.CLOSED}, S.CLOSED: {S.REOPENED}, S.WITHDRAWN: {S.REOPENED}, S.SELF_CORRECTED: {S.REOPENED},
        S.FAILED: set(), S.REOPENED: {S.IN_SESSION} | working,
    }


@pytest.mark.clause("W4", "M6", "M10", "A2")
@pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{c.value}->{t.value}" for c, t in PAIRS])
def test_every_move_is_allowed_or_refused_as_the_table_says(current: MediationStatus, target: MediationStatus) -> None:
    case = a_case_in(current)

    if target in TRANSITIONS[current]:
        move(case, target)
        assert case.status is target
    else:
        version = case.version
        try:
            move(case, target)
        except DomainError:
            assert (case.status, case.version, case.events) == (current, version, [])
        else:  # e.g. a session held while the agreement awaits signature: stays where it is
            assert case.status is current


def test_opening_records_the_opened_event_with_the_period() -> None:
    case = an_open_case()

    assert case.status is S.OPENED and case.version == 0
    assert case.stage is Stage.PRE_LITIGATION
    assert case.period_ends_on == date(2026, 12, 30)
    [opened] = case.events
    assert opened == MediationOpened(
        case_id=case.case_id, mediation_case_id=case.id, at=T0, stage="pre_litigation",
        opened_on=ROUTED_ON, period_ends_on=date(2026, 12, 30),
    )


@pytest.mark.clause("K1")
@pytest.mark.parametrize(("reason_code", "channel", "stage"), [
    ("court_delegation", None, Stage.COURT_DELEGATED), ("mediable", "court_delegation", Stage.COURT_DELEGATED),
    ("mediable", "reconsideration", Stage.RECONSIDERATION), ("mediable", "online", Stage.PRE_LITIGATION),
])
def test_the_stage_follows_the_channel(reason_code: str, channel: str | None, stage: Stage) -> None:
    assert an_open_case(reason_code=reason_code, channel=channel).stage is stage


def test_the_period_is_a_legal_period_rolled_past_rest_days() -> None:
    # 2026-01-31 + 30 days = 2026-03-02, a Monday; 2026-11-30 + 33 days = 2027-01-02, a Saturday (New Year)
    assert period_end(date(2026, 1, 31), 30).day == date(2026, 3, 2)
    assert period_end(date(2026, 11, 30), 33).day > date(2027, 1, 2)


def test_the_period_is_extended_only_with_the_parties_consent() -> None:
    case = a_case_in(S.IN_SESSION)

    with pytest.raises(PeriodNotExtendable):
        case.extend_period(15, consented_on=DAY, parties_consent=False, now=T0)
    case.extend_period(15, consented_on=DAY, parties_consent=True, now=T0)

    assert case.period_ends_on >= date(2027, 1, 14) and case.extended_days == 15
    assert case.events[-1].action == "mediation.period.extended"  # type: ignore[union-attr]


@pytest.mark.parametrize("status", [S.PERFORMING, S.CLOSED, S.FAILED, S.WITHDRAWN])
def test_an_ended_or_performing_case_has_no_period_to_extend(status: MediationStatus) -> None:
    with pytest.raises(PeriodNotExtendable):
        a_case_in(status).extend_period(10, consented_on=DAY, parties_consent=True, now=T0)


def test_the_period_warns_before_it_ends_and_when_it_has() -> None:
    end = date(2026, 12, 30)

    assert period_warning(S.IN_SESSION, end, date(2026, 12, 1)) == "running"
    assert period_warning(S.IN_SESSION, end, date(2026, 12, 26)) == "ending_soon"
    assert period_warning(S.OPENED, end, date(2026, 12, 31)) == "expired"
    assert period_warning(S.CLOSED, end, date(2026, 12, 31)) is None


def test_a_dispute_with_a_mediation_case_cannot_open_a_second() -> None:
    first = an_open_case()

    with pytest.raises(MediationAlreadyOpen):
        MediationCase.open(a_referral(case_id=first.case_id), id=uuid4(), now=T0, period_days=30, existing=first)


@pytest.mark.parametrize(("route", "opens"), [("mediation", True), ("filing", False), ("not_accepted", False)])
def test_only_a_routing_to_mediation_opens_a_case(route: str, opens: bool) -> None:
    assert opens_mediation(route) is opens


@pytest.mark.clause("W2")
def test_the_agreement_takes_effect_when_the_last_required_side_signs() -> None:
    case = a_case_in(S.AGREEMENT)
    assert case.agreement is not None

    case.sign_agreement(SIGNATURES[:2], now=T0)
    assert case.status is S.AGREEMENT and case.agreement.agreed_on is None
    case.sign_agreement(SIGNATURES[2:], now=T0)

    assert case.status is S.PERFORMING
    assert case.events[-1] == AgreementReached(
        case_id=case.case_id, mediation_case_id=case.id, at=T0, agreed_on=date(2026, 12, 10),
        obligation_count=1, total_amount_fen=1_500_000, confirmation_requested=True,
    )


def test_a_draft_may_be_redrafted_until_signed() -> None:
    case = a_case_in(S.AGREEMENT)

    case.draft_agreement(an_agreement(an_obligation(), an_obligation(obligor_kind="applicant", agency_code=None,
                                                                     amount_fen=None)), now=T0)

    assert case.status is S.AGREEMENT and case.agreement is not None and case.agreement.obligation_count == 2


@pytest.mark.clause("W4")
@pytest.mark.parametrize("changes", [
    {"obligor_kind": "stranger"}, {"agency_code": "OTHER"}, {"description": " "}, {"amount_fen": -1},
    {"due_on": ROUTED_ON - timedelta(days=1)},
])
def test_an_obligation_that_does_not_make_sense_is_refused(changes: dict[str, object]) -> None:
    case = a_case_in(S.OPENED)

    with pytest.raises((InvalidAgreement, DateBeforeOpening)):
        case.draft_agreement(an_agreement(an_obligation(**changes)), now=T0)

    assert case.status is S.OPENED


@pytest.mark.clause("W4")
def test_fulfilment_needs_evidence_and_records_lateness() -> None:
    case = a_case_in(S.AGREEMENT)
    case.sign_agreement(SIGNATURES, now=T0)
    assert case.agreement is not None
    item = case.agreement.obligations[0]

    with pytest.raises(InvalidAgreement):
        case.fulfil(item.id, fulfilled_on=date(2027, 1, 4), evidence_note=" ", now=T0)
    case.fulfil(item.id, fulfilled_on=date(2027, 1, 4), evidence_note="转账回单 No.1", now=T0)

    assert case.events[-1] == ObligationFulfilled(
        case_id=case.case_id, mediation_case_id=case.id, at=T0, obligation_id=item.id, obligor_kind="agency",
        agency_code="WJG-SCJ", due_on=date(2026, 12, 31), fulfilled_on=date(2027, 1, 4), late=True,
    )


@pytest.mark.clause("W4", "M10")
def test_an_overdue_obligation_is_escalated_once() -> None:
    case = a_case_in(S.AGREEMENT)
    case.sign_agreement(SIGNATURES, now=T0)
    assert case.agreement is not None
    item = case.agreement.obligations[0]

    assert case.notice_overdue(item.id, today=date(2026, 12, 31), now=T0) is False  # due today: not yet
    assert case.notice_overdue(item.id, today=date(2027, 1, 1), now=T0) is True
    assert case.notice_overdue(item.id, today=date(2027, 1, 2), now=T0) is False

    overdue = [e for e in case.events if isinstance(e, ObligationOverdue)]
    assert [e.obligation_id for e in overdue] == [item.id]


@pytest.mark.clause("W4")
def test_closing_as_performed_waits_for_every_obligation() -> None:
    case = a_case_in(S.AGREEMENT)
    case.sign_agreement(SIGNATURES, now=T0)

    with pytest.raises(ObligationsOutstanding):
        case.close_performed(closed_on=date(2027, 1, 5), now=T0)
    _fulfil_all(case)
    case.close_performed(closed_on=date(2027, 1, 5), now=T0)

    assert case.events[-1] == MediationClosed(case.case_id, case.id, T0, "agreement_performed", date(2027, 1, 5))


@pytest.mark.clause("W3")
def test_confirmation_is_asked_once_for_a_signed_agreement_and_the_ruling_answers_it() -> None:
    draft = a_case_in(S.AGREEMENT)
    with pytest.raises(ConfirmationRefused):
        draft.request_confirmation(requested_on=DAY, now=T0)
    case = a_case_in(S.PERFORMING)
    assert case.agreement is not None
    agreement_id = case.agreement.id

    with pytest.raises(ConfirmationRefused):
        case.record_ruling(agreement_id=agreement_id, outcome="confirmed", ruling_no="x", ruled_on=DAY, now=T0)
    case.request_confirmation(requested_on=DAY, now=T0)
    with pytest.raises(ConfirmationRefused):
        case.request_confirmation(requested_on=DAY, now=T0)
    case.record_ruling(agreement_id=agreement_id, outcome="confirmed", ruling_no="（2026）沪0101行诉前确1号",
                       ruled_on=date(2026, 12, 20), now=T0)

    assert isinstance(case.events[0], ConfirmationRequested) and case.events[0].agreement_id == agreement_id
    assert case.agreement.enforceable


@pytest.mark.clause("M6")
def test_self_correction_closes_the_case() -> None:
    case = a_case_in(S.IN_SESSION)

    case.self_correct(corrected_on=DAY, now=T0)

    assert case.events == [MediationClosed(case.case_id, case.id, T0, "self_corrected", DAY)]


@pytest.mark.clause("M10")
@pytest.mark.parametrize(("outcome", "reopened"), [("settled", False), ("concerns_remain", False),
                                                   ("promise_broken", True)])
def test_a_follow_up_visit_reopens_only_on_a_broken_promise(outcome: str, reopened: bool) -> None:
    case = a_case_in(S.CLOSED)

    assert case.record_follow_up(visited_on=date(2027, 2, 1), outcome=outcome, now=T0) is reopened

    assert case.status is (S.REOPENED if reopened else S.CLOSED)
    assert case.events == [FollowUpRecorded(case.case_id, case.id, T0, date(2027, 2, 1), outcome, reopened)]


@pytest.mark.clause("M10")
def test_no_follow_up_before_the_case_has_ended() -> None:
    with pytest.raises(InvalidFollowUp):
        a_case_in(S.PERFORMING).record_follow_up(visited_on=DAY, outcome="settled", now=T0)


@pytest.mark.clause("A2")
@pytest.mark.parametrize("next_route", ["filing", "reconsideration"])
def test_failure_sends_the_dispute_on_keeping_the_date_first_received(next_route: str) -> None:
    case = a_case_in(S.OPENED)

    case.fail(a_failure(next_route=next_route), now=T0)

    assert case.events == [
        MediationFailed(
            case_id=case.case_id, mediation_case_id=case.id, at=T0, failed_on=date(2026, 12, 20),
            reason="no_agreement", next_route=next_route, first_received_on=FIRST_RECEIVED_ON,
        )
    ]


@pytest.mark.clause("A2", "K1")
def test_a_failed_court_delegation_goes_to_filing_only() -> None:
    case = an_open_case(reason_code="court_delegation")

    with pytest.raises(InvalidNextRoute):
        case.fail(a_failure(next_route="reconsideration"), now=T0)
    with pytest.raises(InvalidNextRoute):
        case.fail(a_failure(next_route="mediation"), now=T0)
