"""The mediation case: opened once per dispute, then agreed or failed, once."""

from datetime import date, timedelta
from uuid import uuid4

import pytest

from adr_mediation.domain.errors import (
    DateBeforeOpening,
    InvalidAgreement,
    InvalidNextRoute,
    InvalidTransition,
    MediationAlreadyOpen,
)
from adr_mediation.domain.events import AgreementReached, MediationFailed, MediationOpened
from adr_mediation.domain.model import (
    TRANSITIONS,
    MediationCase,
    MediationStatus,
    Stage,
    opens_mediation,
    period_end,
)

from ..builders import FIRST_RECEIVED_ON, ROUTED_ON, T0, a_failure, a_referral, an_agreement, an_open_case

pytestmark = pytest.mark.clause("M3")

OPEN, AGREED, FAILED = MediationStatus.OPEN, MediationStatus.AGREED, MediationStatus.FAILED


def a_case_in(status: MediationStatus) -> MediationCase:
    """A case brought to ``status`` through the aggregate's own methods, its events cleared."""
    case = an_open_case()
    if status is AGREED:
        case.reach_agreement(an_agreement(), now=T0)
    elif status is FAILED:
        case.fail(a_failure(), now=T0)
    case.events.clear()
    return case


def move(case: MediationCase, target: MediationStatus) -> None:
    if target is AGREED:
        case.reach_agreement(an_agreement(), now=T0)
    else:
        case.fail(a_failure(), now=T0)


def test_the_transition_table_lets_an_open_case_end_once_in_agreement_or_failure() -> None:
    allowed = {status: set(targets) for status, targets in TRANSITIONS.items()}

    assert allowed == {OPEN: {AGREED, FAILED}, AGREED: set(), FAILED: set()}


@pytest.mark.clause("W3", "A2")
@pytest.mark.parametrize("target", [AGREED, FAILED])
def test_an_open_case_may_close(target: MediationStatus) -> None:
    case = a_case_in(OPEN)

    move(case, target)

    assert case.status is target
    assert case.version == 1
    assert len(case.events) == 1


@pytest.mark.clause("W3", "A2")
@pytest.mark.parametrize("current", [AGREED, FAILED])
@pytest.mark.parametrize("target", [AGREED, FAILED])
def test_a_closed_case_refuses_any_further_move(current: MediationStatus, target: MediationStatus) -> None:
    case = a_case_in(current)
    version = case.version

    with pytest.raises(InvalidTransition) as refused:
        move(case, target)

    assert (case.status, case.version, case.events) == (current, version, [])
    assert refused.value.mediation_case_id == case.id


def test_opening_records_the_opened_event_with_the_period() -> None:
    case = an_open_case()

    assert case.status is OPEN and case.version == 0
    assert case.stage is Stage.PRE_LITIGATION
    assert case.opened_on == ROUTED_ON
    assert case.period_ends_on == date(2026, 12, 30)
    [opened] = case.events
    assert opened == MediationOpened(
        case_id=case.case_id, mediation_case_id=case.id, at=T0, stage="pre_litigation",
        opened_on=ROUTED_ON, period_ends_on=date(2026, 12, 30),
    )


@pytest.mark.clause("K1")
def test_a_court_delegation_is_mediated_as_court_delegated() -> None:
    assert an_open_case(reason_code="court_delegation").stage is Stage.COURT_DELEGATED


def test_the_period_does_not_count_the_opening_day_and_follows_the_setting() -> None:
    assert period_end(date(2026, 1, 31), 30) == date(2026, 3, 2)
    assert an_open_case(period_days=45).period_ends_on == ROUTED_ON + timedelta(days=45)


def test_a_dispute_with_a_mediation_case_cannot_open_a_second() -> None:
    first = an_open_case()
    referral = a_referral(case_id=first.case_id)

    with pytest.raises(MediationAlreadyOpen) as refused:
        MediationCase.open(referral, id=uuid4(), now=T0, period_days=30, existing=first)

    assert refused.value.mediation_case_id == first.id


@pytest.mark.parametrize(("route", "opens"), [("mediation", True), ("filing", False), ("reconsideration", False),
                                              ("not_accepted", False)])
def test_only_a_routing_to_mediation_opens_a_case(route: str, opens: bool) -> None:
    assert opens_mediation(route) is opens


@pytest.mark.clause("W2", "W3")
def test_agreement_records_its_figures() -> None:
    case = a_case_in(OPEN)

    case.reach_agreement(an_agreement(), now=T0)

    assert case.agreement == an_agreement()
    assert case.events == [
        AgreementReached(
            case_id=case.case_id, mediation_case_id=case.id, at=T0, agreed_on=date(2026, 12, 10),
            obligation_count=2, total_amount_fen=1_500_000, confirmation_requested=True,
        )
    ]


@pytest.mark.clause("W3")
@pytest.mark.parametrize(
    "changes",
    [{"obligation_count": -1}, {"total_amount_fen": -5}, {"obligation_count": 0, "total_amount_fen": 100}],
)
def test_agreement_with_contradictory_figures_is_refused(changes: dict[str, object]) -> None:
    case = a_case_in(OPEN)

    with pytest.raises(InvalidAgreement):
        case.reach_agreement(an_agreement(**changes), now=T0)

    assert case.status is OPEN and case.events == []


def test_an_agreement_without_money_needs_no_obligation() -> None:
    case = a_case_in(OPEN)

    case.reach_agreement(an_agreement(obligation_count=0, total_amount_fen=None), now=T0)

    assert case.status is AGREED


@pytest.mark.parametrize("outcome", ["agreement", "failure"])
def test_an_outcome_dated_before_the_opening_is_refused(outcome: str) -> None:
    case = a_case_in(OPEN)
    day_before = ROUTED_ON - timedelta(days=1)

    with pytest.raises(DateBeforeOpening):
        if outcome == "agreement":
            case.reach_agreement(an_agreement(agreed_on=day_before), now=T0)
        else:
            case.fail(a_failure(failed_on=day_before), now=T0)

    assert case.status is OPEN


@pytest.mark.clause("A2")
@pytest.mark.parametrize("next_route", ["filing", "reconsideration"])
def test_failure_sends_the_dispute_on_keeping_the_date_first_received(next_route: str) -> None:
    case = a_case_in(OPEN)

    case.fail(a_failure(next_route=next_route), now=T0)

    assert case.events == [
        MediationFailed(
            case_id=case.case_id, mediation_case_id=case.id, at=T0, failed_on=date(2026, 12, 20),
            reason="no_agreement", next_route=next_route, first_received_on=FIRST_RECEIVED_ON,
        )
    ]


@pytest.mark.clause("A2")
@pytest.mark.parametrize("next_route", ["mediation", "not_accepted", ""])
def test_failure_to_anywhere_but_filing_or_reconsideration_is_refused(next_route: str) -> None:
    case = a_case_in(OPEN)

    with pytest.raises(InvalidNextRoute):
        case.fail(a_failure(next_route=next_route), now=T0)

    assert case.status is OPEN


@pytest.mark.clause("A2", "K1")
def test_a_failed_court_delegation_goes_to_filing_only() -> None:
    refused, accepted = an_open_case(reason_code="court_delegation"), an_open_case(reason_code="court_delegation")

    with pytest.raises(InvalidNextRoute):
        refused.fail(a_failure(next_route="reconsideration"), now=T0)
    accepted.fail(a_failure(next_route="filing"), now=T0)

    assert (refused.status, accepted.status) == (OPEN, FAILED)
