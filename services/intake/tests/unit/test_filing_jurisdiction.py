"""Check 7, jurisdiction: the first-instance court level (RULES.md §1.7; ALL arts.14–15; ALL-Interp art.134)."""

import pytest

from adr_intake.domain.filing import (
    AdminLevel,
    Check,
    CourtLevel,
    DecisionType,
    DefendantKind,
    FilingRules,
    Verdict,
    evaluate,
)

from ..filing_builders import (
    ADDRESSEE,
    AS_OF,
    CITY_GOVERNMENT,
    a_complaint,
    a_penalty,
    a_reconsideration,
    an_agency,
    the_district_government,
    upheld_by_the_district_government,
)

pytestmark = pytest.mark.clause("M4")


def test_a_district_department_is_sued_in_the_basic_court() -> None:
    assessment = evaluate(a_complaint(), as_of=AS_OF)

    assert assessment.court_level is CourtLevel.BASIC
    assert assessment.result(Check.JURISDICTION).basis == "行政诉讼法第十四条"


def test_the_district_government_as_defendant_goes_to_the_intermediate_court() -> None:
    assessment = evaluate(a_complaint(defendants=(the_district_government(),)), as_of=AS_OF)

    assert assessment.court_level is CourtLevel.INTERMEDIATE
    assert assessment.result(Check.JURISDICTION).basis == "行政诉讼法第十五条第一项"


def test_upheld_by_the_district_government_stays_in_the_basic_court() -> None:
    assert evaluate(upheld_by_the_district_government(), as_of=AS_OF).court_level is CourtLevel.BASIC


def test_changed_by_the_district_government_goes_to_the_intermediate_court() -> None:
    complaint = a_complaint(
        reconsideration=a_reconsideration(DecisionType.CHANGE), defendants=(the_district_government(),)
    )

    assert evaluate(complaint, as_of=AS_OF).court_level is CourtLevel.INTERMEDIATE


def test_upheld_by_the_city_government_on_a_district_government_act_goes_to_the_intermediate_court() -> None:
    complaint = a_complaint(
        reconsideration=a_reconsideration(DecisionType.MAINTAIN, organ=CITY_GOVERNMENT),
        defendants=(
            the_district_government(),
            an_agency(CITY_GOVERNMENT, kind=DefendantKind.GOVERNMENT, level=AdminLevel.CITY),
        ),
    )

    assert evaluate(complaint, as_of=AS_OF).court_level is CourtLevel.INTERMEDIATE


def test_a_township_government_is_not_county_level() -> None:
    township = an_agency("伍家乡人民政府", kind=DefendantKind.GOVERNMENT, level=AdminLevel.TOWNSHIP)

    assert evaluate(a_complaint(defendants=(township,)), as_of=AS_OF).court_level is CourtLevel.BASIC


def test_customs_cases_go_to_the_intermediate_court() -> None:
    customs = an_agency("宜昌海关", kind=DefendantKind.CUSTOMS, level=AdminLevel.CITY)

    assert evaluate(a_complaint(defendants=(customs,)), as_of=AS_OF).court_level is CourtLevel.INTERMEDIATE


def test_the_government_levels_are_a_parameter() -> None:
    rules = FilingRules(intermediate_government_levels=frozenset({"central", "province", "city"}))
    complaint = a_complaint(defendants=(the_district_government(),))

    assert evaluate(complaint, as_of=AS_OF, rules=rules).court_level is CourtLevel.BASIC


def test_a_large_group_of_plaintiffs_leaves_the_level_to_the_court() -> None:
    result = evaluate(a_complaint(plaintiffs=(ADDRESSEE,) * 12), as_of=AS_OF).result(Check.JURISDICTION)

    assert result.verdict is Verdict.REVIEW
    assert "行政诉讼法第十五条第三项" in result.basis


def test_real_property_points_to_the_court_where_it_lies() -> None:
    act = a_penalty(type="expropriation", concerns_real_property=True)

    result = evaluate(a_complaint(act), as_of=AS_OF).result(Check.JURISDICTION)

    assert result.verdict is Verdict.PASS
    assert "不动产所在地" in result.explanation
