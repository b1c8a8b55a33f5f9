"""Check 5, the limitation period (RULES.md §1.5): on time, late, beyond the outer limit, too early."""

import pytest

from adr_intake.domain.filing import Check, CheckResult, Complaint, Verdict, evaluate

from ..filing_builders import AS_OF, D, a_complaint, a_penalty

pytestmark = pytest.mark.clause("M4")


def limitation(complaint: Complaint, as_of: str = "2025-11-20") -> CheckResult:
    return evaluate(complaint, as_of=D(as_of)).result(Check.LIMITATION)


def test_a_suit_on_the_last_day_is_on_time() -> None:
    result = limitation(a_complaint(filed_date=D("2026-03-10")))

    assert result.verdict is Verdict.PASS
    assert "2026-03-10" in result.explanation
    assert result.basis == "行政诉讼法第四十六条第一款"


def test_a_suit_the_day_after_is_a_risk_of_refusal() -> None:
    result = limitation(a_complaint(filed_date=D("2026-03-11")))

    assert result.verdict is Verdict.FAIL
    assert "行诉法解释第六十九条第一款第二项" in result.basis
    assert "第四十八条" in result.explanation


def test_a_complaint_posted_in_time_is_on_time() -> None:
    complaint = a_complaint(filed_date=D("2026-03-13"), postmark_date=D("2026-03-10"))

    assert limitation(complaint).verdict is Verdict.PASS


def test_without_a_filing_date_the_evaluation_day_counts() -> None:
    assert limitation(a_complaint(), as_of="2026-03-11").verdict is Verdict.FAIL


def test_a_recorded_delay_reason_goes_to_the_court() -> None:
    result = limitation(a_complaint(filed_date=D("2026-03-20"), delay_reason_recorded=True))

    assert result.verdict is Verdict.REVIEW
    assert result.basis == "行政诉讼法第四十八条"


def test_beyond_the_outer_limit_nothing_helps() -> None:
    act = a_penalty(made_date=D("2020-11-02"), known_date=D("2025-09-01"))
    result = limitation(a_complaint(act, filed_date=D("2025-11-03"), delay_reason_recorded=True))

    assert result.verdict is Verdict.FAIL
    assert result.basis.startswith("行政诉讼法第四十六条第二款")


def test_a_provisional_deadline_says_which_schedule_is_missing() -> None:
    act = a_penalty(known_date=D("2026-09-10"), made_date=D("2026-09-08"))

    result = limitation(a_complaint(act), as_of="2026-10-01")

    assert result.verdict is Verdict.PASS
    assert "2027年国务院办公厅节假日安排尚未载入" in result.explanation


def test_failure_to_act_sued_before_the_agency_s_time_ends_is_too_early() -> None:
    act = a_penalty(type="failure_to_protect", is_failure_to_act=True, application_date=D("2025-07-10"))

    result = limitation(a_complaint(act, filed_date=D("2025-09-10")))

    assert result.verdict is Verdict.FAIL
    assert result.basis == "行政诉讼法第四十七条第一款"
    assert "2025-09-11起方可起诉" in result.explanation


def test_missing_dates_go_to_a_person() -> None:
    act = a_penalty(made_date=None, served_date=None, known_date=None)

    assert limitation(a_complaint(act)).verdict is Verdict.REVIEW


def test_an_old_act_not_telling_the_deadline_is_flagged() -> None:
    act = a_penalty(
        type="expropriation",
        made_date=D("2017-06-01"),
        known_date=D("2025-09-01"),
        concerns_real_property=True,
        informed_of_litigation_right_and_deadline=False,
    )

    result = limitation(a_complaint(act, filed_date=D("2025-09-20")))

    assert result.verdict is Verdict.REVIEW
    assert "2018年2月8日" in result.explanation


def test_evaluating_as_of_a_day_uses_that_day_only_when_nothing_was_filed() -> None:
    complaint = a_complaint(filed_date=D("2025-10-01"))

    assert evaluate(complaint, as_of=D("2027-01-01")).result(Check.LIMITATION).verdict is Verdict.PASS
    assert evaluate(complaint, as_of=AS_OF).result(Check.LIMITATION).verdict is Verdict.PASS
