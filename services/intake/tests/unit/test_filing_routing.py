"""Other bars (RULES.md §1.8), mediability (§2) and the route the checks suggest."""

import pytest

from adr_contracts import vocabulary
from adr_intake.domain.filing import (
    Check,
    Claim,
    CourtLevel,
    PriorCase,
    PriorOutcome,
    Route,
    Verdict,
    evaluate,
)

from ..filing_builders import AS_OF, D, a_complaint, a_penalty

pytestmark = pytest.mark.clause("M4")


def a_prior_case(outcome: PriorOutcome, *, same_claims: bool = True) -> PriorCase:
    return PriorCase(
        case_no="（2025）鄂0503行初1号",
        same_parties=True,
        same_subject=True,
        same_or_included_claims=same_claims,
        outcome=outcome,
    )


def other_bars(*prior: PriorCase) -> Verdict:
    return evaluate(a_complaint(prior_cases=prior), as_of=AS_OF).result(Check.OTHER_BARS).verdict


def test_a_duplicate_suit_fails() -> None:
    result = evaluate(a_complaint(prior_cases=(a_prior_case(PriorOutcome.JUDGMENT),)), as_of=AS_OF)

    assert result.result(Check.OTHER_BARS).verdict is Verdict.FAIL
    assert result.result(Check.OTHER_BARS).basis.startswith("行诉法解释第一百零六条")


def test_refiling_after_an_approved_withdrawal_fails() -> None:
    assert other_bars(a_prior_case(PriorOutcome.WITHDRAWN)) is Verdict.FAIL


def test_refiling_after_withdrawal_for_unpaid_fees_goes_to_a_person() -> None:
    assert other_bars(a_prior_case(PriorOutcome.DEEMED_WITHDRAWN_FEE)) is Verdict.REVIEW


def test_a_new_act_after_revocation_may_be_sued() -> None:
    assert other_bars(a_prior_case(PriorOutcome.ACT_REVOKED)) is Verdict.PASS


def test_same_matter_with_other_claims_goes_to_a_person() -> None:
    assert other_bars(a_prior_case(PriorOutcome.JUDGMENT, same_claims=False)) is Verdict.REVIEW


def test_failure_to_act_without_a_prior_application_goes_to_a_person() -> None:
    act = a_penalty(type="failure_to_protect", is_failure_to_act=True, application_date=None)

    result = evaluate(a_complaint(act), as_of=AS_OF).result(Check.OTHER_BARS)

    assert result.verdict is Verdict.REVIEW
    assert result.basis == "行诉法解释第九十三条"


def test_a_clean_complaint_is_routed_to_filing() -> None:
    assessment = evaluate(a_complaint(), as_of=AS_OF)

    assert [r.verdict for r in assessment.checks] == [Verdict.PASS] * 8
    assert [r.check for r in assessment.checks] == list(Check)
    assert (assessment.mediable, assessment.route) == (False, Route.FILING)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"claims": (Claim("compensation_or_indemnity", amount_yuan=20000),)}, id="compensation"),
        pytest.param({"claims": (Claim("admin_agreement_dispute"),)}, id="administrative agreement"),
        pytest.param({"act": a_penalty(involves_discretion=True)}, id="discretion"),
    ],
)
def test_mediable_disputes_are_routed_to_mediation(changes: dict[str, object]) -> None:
    assessment = evaluate(a_complaint(**changes), as_of=AS_OF)

    assert assessment.mediable
    assert assessment.route is Route.MEDIATION


def test_a_failed_check_routes_to_not_accepted_even_when_mediable() -> None:
    complaint = a_complaint(a_penalty(type="admin_guidance", involves_discretion=True))

    assessment = evaluate(complaint, as_of=AS_OF)

    assert assessment.mediable
    assert assessment.route is Route.NOT_ACCEPTED


def test_not_accepted_is_a_risk_with_the_article_not_a_decision() -> None:
    complaint = a_complaint(
        a_penalty(
            made_date=D("2014-03-01"), known_date=D("2025-10-01"), concerns_real_property=True, type="expropriation"
        ),
        claims=(Claim("confirm_void"),),
    )

    assessment = evaluate(complaint, as_of=AS_OF)
    failed = [r for r in assessment.checks if r.verdict is Verdict.FAIL]

    assert assessment.route is Route.NOT_ACCEPTED
    assert [r.check for r in failed] == [Check.CLAIM]
    assert "风险" in failed[0].explanation and failed[0].basis


def test_another_failure_outweighs_reconsideration_first() -> None:
    complaint = a_complaint(a_penalty(on_the_spot=True), prior_cases=(a_prior_case(PriorOutcome.JUDGMENT),))

    assert evaluate(complaint, as_of=AS_OF).route is Route.NOT_ACCEPTED


def test_correctable_and_review_findings_do_not_block_the_route() -> None:
    complaint = a_complaint(claims=(), prior_cases=(a_prior_case(PriorOutcome.DEEMED_WITHDRAWN_FEE),))

    assert evaluate(complaint, as_of=AS_OF).route is Route.FILING


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (Check, vocabulary.FilingCheck),
        (Verdict, vocabulary.Verdict),
        (CourtLevel, vocabulary.CourtLevel),
        (Route, vocabulary.Route),
    ],
)
def test_domain_codes_match_the_contract_vocabulary(ours: type, theirs: type) -> None:
    assert [m.value for m in ours] == [m.value for m in theirs]  # type: ignore[attr-defined]
