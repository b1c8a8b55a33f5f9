"""Check 1 (claim) and check 2 (scope): RULES.md §1.1–§1.2."""

import pytest

from adr_intake.domain.filing import Check, CheckResult, Claim, Verdict, evaluate

from ..filing_builders import AS_OF, D, a_complaint, a_penalty

pytestmark = pytest.mark.clause("M4")


def claim_result(*claims: Claim, made: str = "2025-09-08") -> CheckResult:
    complaint = a_complaint(a_penalty(made_date=D(made)), claims=claims)
    return evaluate(complaint, as_of=AS_OF).result(Check.CLAIM)


def scope_result(act_type: str) -> CheckResult:
    return evaluate(a_complaint(a_penalty(type=act_type)), as_of=AS_OF).result(Check.SCOPE)


def test_a_specific_claim_of_a_listed_type_passes() -> None:
    assert claim_result(Claim("revoke_or_alter")).verdict is Verdict.PASS


def test_no_claim_is_correctable() -> None:
    result = claim_result()

    assert result.verdict is Verdict.CORRECTABLE
    assert "行政诉讼法第四十九条第三项" in result.basis


def test_an_unknown_claim_type_is_correctable() -> None:
    assert claim_result(Claim("apologise")).verdict is Verdict.CORRECTABLE


def test_compensation_without_an_amount_is_correctable() -> None:
    result = claim_result(Claim("compensation_or_indemnity"))

    assert result.verdict is Verdict.CORRECTABLE
    assert "第六十八条第三款" in result.basis
    assert "数额" in result.explanation


def test_review_of_a_normative_document_must_name_it() -> None:
    assert claim_result(Claim("incidental_review_normative_doc")).verdict is Verdict.CORRECTABLE


def test_a_joint_civil_claim_needs_a_civil_request() -> None:
    assert claim_result(Claim("joint_civil_dispute")).verdict is Verdict.CORRECTABLE


def test_confirm_void_for_an_act_before_2015_05_01_fails() -> None:
    result = claim_result(Claim("confirm_void"), made="2015-04-30")

    assert result.verdict is Verdict.FAIL
    assert result.basis == "行诉法解释第一百六十二条"
    assert "不予立案的风险" in result.explanation


def test_confirm_void_for_an_act_from_2015_05_01_passes() -> None:
    assert claim_result(Claim("confirm_void"), made="2015-05-01").verdict is Verdict.PASS


def test_review_of_a_rule_fails() -> None:
    result = claim_result(
        Claim("incidental_review_normative_doc", normative_doc_name="某规章", normative_doc_is_rule=True)
    )

    assert result.verdict is Verdict.FAIL
    assert result.basis == "行政诉讼法第五十三条第二款"


def test_the_gravest_finding_decides_and_every_basis_is_cited() -> None:
    result = claim_result(Claim("compensation_or_indemnity"), Claim("confirm_void"), made="2014-06-01")

    assert result.verdict is Verdict.FAIL
    assert result.basis.startswith("行诉法解释第一百六十二条；")
    assert "第六十八条第三款" in result.basis


def test_a_listed_act_type_is_within_scope() -> None:
    result = scope_result("licensing")

    assert result.verdict is Verdict.PASS
    assert result.basis == "行政诉讼法第十二条第一款第三项"


@pytest.mark.parametrize(
    ("act_type", "basis"),
    [
        ("act_of_state", "行政诉讼法第十三条第一项"),
        ("admin_guidance", "行诉法解释第一条第二款第三项"),
        ("process_act", "行诉法解释第一条第二款第六项"),
    ],
)
def test_an_excluded_act_type_fails_citing_the_exclusion(act_type: str, basis: str) -> None:
    result = scope_result(act_type)

    assert result.verdict is Verdict.FAIL
    assert result.basis == basis


def test_petition_handling_fails_and_points_to_the_petition_review_channel() -> None:
    result = scope_result("petition_handling")

    assert result.verdict is Verdict.FAIL
    assert "信访工作条例第三十五条" in result.explanation


def test_an_unknown_act_type_goes_to_a_person() -> None:
    assert scope_result("something_new").verdict is Verdict.REVIEW
