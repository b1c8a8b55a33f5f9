"""The filing review in the domain: the computed and the decided verdicts side by side, then the route (M4)."""

from dataclasses import replace
from typing import Any
from uuid import UUID, uuid4

import pytest

from adr_intake.domain.errors import (
    AlreadyRouted,
    BasisRequired,
    CheckDecisionMissing,
    ComputedVerdictChanged,
    NotAcceptedWithoutFail,
    OverrideReasonRequired,
    OverrideSameVerdict,
)
from adr_intake.domain.events import DisputeRegistered, DisputeRouted, FilingReviewCompleted
from adr_intake.domain.filing import Check, FilingAssessment, Route, Verdict, evaluate
from adr_intake.domain.model import Stage
from adr_intake.domain.review import CheckDecision, Reviewer, RouteDecision, review_filing

from ..builders import T0, a_dispute
from ..filing_builders import AS_OF, a_complaint, a_penalty

pytestmark = pytest.mark.clause("M4")

CONFIRM_ALL = {check: CheckDecision() for check in Check}
TO_MEDIATION = RouteDecision(Route.MEDIATION, "discretionary_act")


def reviewer(case_id: UUID | None = None) -> Reviewer:
    return Reviewer(case_id=case_id or uuid4(), by="staff:li", at=T0, facts={"act": {"type": "penalty"}})


def assessment(**act_changes: Any) -> FilingAssessment:
    return evaluate(a_complaint(a_penalty(**act_changes)), as_of=AS_OF)


def test_confirming_keeps_each_computed_verdict_as_the_decided_one() -> None:
    computed = assessment()

    review = review_filing(computed, CONFIRM_ALL, TO_MEDIATION, reviewer=reviewer())

    assert [(c.check, c.computed, c.verdict, c.overridden) for c in review.checks] == [
        (r.check, r.verdict, r.verdict, False) for r in computed.checks
    ]
    assert review.suggested_route is computed.route and review.decision is TO_MEDIATION


def test_an_override_is_kept_beside_the_computed_verdict_with_its_reason() -> None:
    decisions = {**CONFIRM_ALL, Check.OTHER_BARS: CheckDecision(Verdict.REVIEW, "申请人称已另案起诉，待核实")}

    review = review_filing(assessment(), decisions, TO_MEDIATION, reviewer=reviewer())

    other_bars = review.checks[-1]
    assert (other_bars.computed, other_bars.verdict, other_bars.overridden) == (Verdict.PASS, Verdict.REVIEW, True)
    assert other_bars.reason == "申请人称已另案起诉，待核实"
    event = review.completed()
    assert [(c.check, c.verdict, c.overridden) for c in event.checks][-1] == ("other_bars", "review", True)


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_an_override_without_a_reason_is_refused(reason: str | None) -> None:
    decisions = {**CONFIRM_ALL, Check.LIMITATION: CheckDecision(Verdict.FAIL, reason)}

    with pytest.raises(OverrideReasonRequired) as refused:
        review_filing(assessment(), decisions, TO_MEDIATION, reviewer=reviewer())

    assert "confirmations.limitation.reason" in str(refused.value)


def test_an_override_must_change_the_verdict() -> None:
    decisions = {**CONFIRM_ALL, Check.SCOPE: CheckDecision(Verdict.PASS, "同意")}

    with pytest.raises(OverrideSameVerdict):
        review_filing(assessment(), decisions, TO_MEDIATION, reviewer=reviewer())


def test_every_check_needs_a_decision() -> None:
    decisions: dict[Check, CheckDecision] = {c: d for c, d in CONFIRM_ALL.items() if c is not Check.JURISDICTION}

    with pytest.raises(CheckDecisionMissing) as refused:
        review_filing(assessment(), decisions, TO_MEDIATION, reviewer=reviewer())

    assert refused.value.check == "jurisdiction"


def test_a_decision_on_a_verdict_that_no_longer_holds_is_refused() -> None:
    decisions = {**CONFIRM_ALL, Check.LIMITATION: CheckDecision(seen=Verdict.FAIL)}

    with pytest.raises(ComputedVerdictChanged):
        review_filing(assessment(), decisions, TO_MEDIATION, reviewer=reviewer())


def test_a_computed_fail_is_not_final_a_person_may_override_it() -> None:
    late = assessment(known_date=AS_OF.replace(year=2024))  # more than six months before filing
    assert late.result(Check.LIMITATION).verdict is Verdict.FAIL
    reason = "当事人住院，材料待补，可能适用第四十八条"
    decisions = {**CONFIRM_ALL, Check.LIMITATION: CheckDecision(Verdict.REVIEW, reason)}

    review = review_filing(late, decisions, RouteDecision(Route.FILING, "delay_reason_claimed"), reviewer=reviewer())

    assert review.suggested_route is Route.NOT_ACCEPTED and review.decision.route is Route.FILING


def test_not_accepting_needs_the_law_cited_and_a_check_decided_failed() -> None:
    not_accepted = RouteDecision(Route.NOT_ACCEPTED, "out_of_scope", basis="行政诉讼法第十三条")

    with pytest.raises(BasisRequired):
        review_filing(assessment(), CONFIRM_ALL, replace(not_accepted, basis=None), reviewer=reviewer())
    with pytest.raises(NotAcceptedWithoutFail):
        review_filing(assessment(), CONFIRM_ALL, not_accepted, reviewer=reviewer())


def test_completing_the_review_records_it_then_routes_the_dispute() -> None:
    dispute = a_dispute()
    review = review_filing(assessment(), CONFIRM_ALL, TO_MEDIATION, reviewer=reviewer(dispute.id))

    dispute.complete_filing_review(review)

    assert [type(e) for e in dispute.events] == [DisputeRegistered, FilingReviewCompleted, DisputeRouted]
    assert dispute.stage is Stage.ROUTED_TO_MEDIATION and dispute.version == 1


@pytest.mark.clause("M2")
def test_a_reconsideration_first_dispute_is_sent_to_reconsideration() -> None:
    computed = assessment(on_the_spot=True, amount_yuan=200)
    dispute = a_dispute()
    decision = RouteDecision(Route.RECONSIDERATION, "reconsideration_first")

    dispute.complete_filing_review(review_filing(computed, CONFIRM_ALL, decision, reviewer=reviewer(dispute.id)))

    assert computed.route is Route.RECONSIDERATION and computed.reconsideration_first
    assert dispute.stage is Stage.ROUTED_TO_RECONSIDERATION


def test_a_routed_dispute_takes_no_review() -> None:
    dispute = a_dispute()
    dispute.route_to("filing", reason_code="not_mediable", basis=None, now=T0)
    review = review_filing(assessment(), CONFIRM_ALL, TO_MEDIATION, reviewer=reviewer(dispute.id))

    with pytest.raises(AlreadyRouted):
        dispute.complete_filing_review(review)

    assert not any(isinstance(e, FilingReviewCompleted) for e in dispute.events)
