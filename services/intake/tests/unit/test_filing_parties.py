"""Check 3 (plaintiff) and check 4 (defendant): RULES.md §1.3–§1.4."""

import pytest

from adr_intake.domain.filing import (
    Check,
    CheckResult,
    Complaint,
    DecisionType,
    DefendantKind,
    Plaintiff,
    PlaintiffKind,
    Verdict,
    evaluate,
)

from ..filing_builders import (
    ADDRESSEE,
    AS_OF,
    CITY_GOVERNMENT,
    a_complaint,
    a_reconsideration,
    an_agency,
    the_district_government,
    upheld_by_the_district_government,
)

pytestmark = pytest.mark.clause("M4")


def neighbour(relation: str | None = "adjacent_rights") -> Plaintiff:
    return Plaintiff(kind=PlaintiffKind.NATURAL, is_addressee=False, relation_to_act=relation)


def plaintiff_result(*plaintiffs: Plaintiff) -> CheckResult:
    return evaluate(a_complaint(plaintiffs=plaintiffs), as_of=AS_OF).result(Check.PLAINTIFF)


def defendant_result(complaint: Complaint) -> CheckResult:
    return evaluate(complaint, as_of=AS_OF).result(Check.DEFENDANT)


def test_the_addressee_has_standing() -> None:
    assert plaintiff_result(ADDRESSEE).verdict is Verdict.PASS


def test_an_interested_party_goes_to_a_person() -> None:
    result = plaintiff_result(neighbour())

    assert result.verdict is Verdict.REVIEW
    assert "行诉法解释第十二条第一项" in result.basis


def test_a_stranger_to_the_act_goes_to_a_person() -> None:
    assert plaintiff_result(neighbour(None)).verdict is Verdict.REVIEW


def test_a_deceased_plaintiff_without_a_successor_is_correctable() -> None:
    deceased = Plaintiff(kind=PlaintiffKind.NATURAL, is_addressee=True, deceased_or_terminated=True)

    assert plaintiff_result(deceased).verdict is Verdict.CORRECTABLE


def test_a_close_relative_may_sue_for_the_deceased() -> None:
    deceased = Plaintiff(kind=PlaintiffKind.NATURAL, is_addressee=True, deceased_or_terminated=True)

    assert plaintiff_result(deceased, neighbour("close_relative")).verdict is Verdict.PASS


def test_ten_plaintiffs_raise_the_large_number_flag() -> None:
    result = plaintiff_result(*[ADDRESSEE] * 10)

    assert result.verdict is Verdict.REVIEW
    assert "人数众多" in result.explanation


def test_no_plaintiff_is_correctable() -> None:
    assert plaintiff_result().verdict is Verdict.CORRECTABLE


def test_the_agency_named_on_the_document_is_the_right_defendant() -> None:
    assert defendant_result(a_complaint()).verdict is Verdict.PASS


def test_a_defendant_other_than_the_one_on_the_seal_is_correctable() -> None:
    complaint = a_complaint(defendants=(an_agency(seal_name_on_document="宜昌市市场监督管理局"),))

    result = defendant_result(complaint)

    assert result.verdict is Verdict.CORRECTABLE
    assert result.basis == "行诉法解释第十九条"


def test_an_entrusted_organisation_is_not_the_defendant() -> None:
    complaint = a_complaint(defendants=(an_agency("某服务中心", kind=DefendantKind.ENTRUSTED_ORG),))

    assert defendant_result(complaint).verdict is Verdict.CORRECTABLE


def test_upheld_act_with_both_agencies_named_passes() -> None:
    assert defendant_result(upheld_by_the_district_government()).verdict is Verdict.PASS


def test_a_government_named_for_its_own_act_is_checked_by_a_person() -> None:
    result = defendant_result(a_complaint(defendants=(the_district_government(),)))

    assert result.verdict is Verdict.REVIEW
    assert "县级以上人民政府" in result.explanation


def test_upheld_act_needs_the_reconsideration_organ_as_co_defendant() -> None:
    complaint = a_complaint(reconsideration=a_reconsideration(DecisionType.MAINTAIN), defendants=(an_agency(),))

    result = defendant_result(complaint)

    assert result.verdict is Verdict.CORRECTABLE
    assert "第一百三十四条" in result.basis


def test_rejecting_the_request_counts_as_upholding() -> None:
    complaint = a_complaint(reconsideration=a_reconsideration(DecisionType.REJECT_REQUEST), defendants=(an_agency(),))

    assert defendant_result(complaint).verdict is Verdict.CORRECTABLE


def test_a_changed_act_is_defended_by_the_reconsideration_organ_alone() -> None:
    complaint = a_complaint(
        reconsideration=a_reconsideration(DecisionType.CHANGE),
        defendants=(an_agency(), the_district_government()),
    )

    result = defendant_result(complaint)

    assert result.verdict is Verdict.CORRECTABLE
    assert "第二十二条" in result.basis


def test_a_changed_act_sued_against_the_organ_alone_passes() -> None:
    complaint = a_complaint(
        reconsideration=a_reconsideration(DecisionType.CHANGE, organ=CITY_GOVERNMENT),
        defendants=(an_agency(CITY_GOVERNMENT, kind=DefendantKind.GOVERNMENT),),
    )

    assert defendant_result(complaint).verdict is Verdict.PASS


def test_no_defendant_is_correctable() -> None:
    assert defendant_result(a_complaint(defendants=())).verdict is Verdict.CORRECTABLE
