"""Check 6, reconsideration first and reconsideration pending (RULES.md §1.6; ARL arts.23, 29)."""

import pytest

from adr_intake.domain.filing import Check, Complaint, FilingRules, Route, Verdict, evaluate

from ..filing_builders import AS_OF, D, a_complaint, a_penalty, a_reconsideration

pytestmark = pytest.mark.clause("M4", "M2")

ON_THE_SPOT = a_penalty(on_the_spot=True, amount_yuan=200)
DISCLOSURE_REFUSED = a_penalty(type="information_disclosure_refusal", amount_yuan=None)
FAILURE_TO_ACT = a_penalty(
    type="failure_to_protect",
    is_failure_to_act=True,
    made_date=None,
    known_date=None,
    served_date=None,
    application_date=D("2025-07-10"),
)

RECONSIDERATION_FIRST = [
    pytest.param(ON_THE_SPOT, "第一项", id="on-the-spot penalty"),
    pytest.param(DISCLOSURE_REFUSED, "第四项", id="information disclosure refused"),
    pytest.param(FAILURE_TO_ACT, "第三项", id="failure to act"),
    pytest.param(a_penalty(type="natural_resource_rights"), "第二项", id="natural-resource rights"),
    pytest.param(a_penalty(type="tax_payment"), "第五项", id="tax payment (another law)"),
]


@pytest.mark.parametrize(("act", "item"), RECONSIDERATION_FIRST)
def test_reconsideration_first_cases_route_to_reconsideration(act: object, item: str) -> None:
    assessment = evaluate(a_complaint(act), as_of=AS_OF)  # type: ignore[arg-type]
    result = assessment.result(Check.RECONSIDERATION)

    assert assessment.reconsideration_first
    assert result.verdict is Verdict.FAIL
    assert result.basis.startswith(f"行政复议法第二十三条第一款{item}")
    assert "不予立案的风险" in result.explanation
    assert assessment.route is Route.RECONSIDERATION


def test_an_ordinary_penalty_may_be_sued_directly() -> None:
    assessment = evaluate(a_complaint(), as_of=AS_OF)

    assert not assessment.reconsideration_first
    assert assessment.result(Check.RECONSIDERATION).verdict is Verdict.PASS


def test_the_other_laws_list_is_a_parameter() -> None:
    rules = FilingRules(other_reconsideration_first=frozenset({"licensing"}))

    assert evaluate(a_complaint(a_penalty(type="licensing")), as_of=AS_OF, rules=rules).reconsideration_first
    assert not evaluate(a_complaint(a_penalty(type="tax_payment")), as_of=AS_OF, rules=rules).reconsideration_first


def test_before_2024_an_on_the_spot_penalty_was_not_reconsideration_first() -> None:
    complaint = a_complaint(a_penalty(on_the_spot=True, made_date=D("2023-06-01"), known_date=D("2023-06-01")))

    assert not evaluate(complaint, as_of=D("2023-07-01")).reconsideration_first


def test_reconsideration_first_is_met_once_the_decision_is_served() -> None:
    complaint = a_complaint(ON_THE_SPOT, reconsideration=a_reconsideration(), filed_date=D("2025-09-20"))

    assessment = evaluate(complaint, as_of=AS_OF)

    assert assessment.result(Check.RECONSIDERATION).verdict is Verdict.PASS
    assert assessment.route is not Route.RECONSIDERATION


def test_a_withdrawn_reconsideration_does_not_meet_reconsideration_first() -> None:
    complaint = a_complaint(ON_THE_SPOT, reconsideration=a_reconsideration(withdrawn=True))

    assert evaluate(complaint, as_of=AS_OF).route is Route.RECONSIDERATION


def pending(**changes: object) -> Complaint:
    return a_complaint(reconsideration=a_reconsideration(None, accepted_date=D("2025-11-03")), **changes)


def test_no_suit_while_a_reconsideration_runs() -> None:
    result = evaluate(pending(), as_of=AS_OF).result(Check.RECONSIDERATION)

    assert result.verdict is Verdict.FAIL
    assert result.basis.startswith("行政复议法第二十九条第一款")
    assert "2026-01-04" in result.explanation  # 60 days from 11-03 end on Friday 01-02 (元旦): Sunday 01-04 is worked


def test_a_suit_lies_once_the_reconsideration_period_ran_out() -> None:
    result = evaluate(pending(), as_of=D("2026-01-05")).result(Check.RECONSIDERATION)

    assert result.verdict is Verdict.PASS


def test_a_pending_reconsideration_keeps_the_dispute_in_reconsideration() -> None:
    assert evaluate(pending(), as_of=AS_OF).route is Route.RECONSIDERATION


def test_a_withdrawn_optional_reconsideration_is_flagged() -> None:
    complaint = a_complaint(reconsideration=a_reconsideration(withdrawn=True))

    result = evaluate(complaint, as_of=AS_OF).result(Check.RECONSIDERATION)

    assert result.verdict is Verdict.REVIEW
    assert result.basis == "行诉法解释第五十八条"
