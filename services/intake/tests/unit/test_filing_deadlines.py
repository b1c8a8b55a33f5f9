"""Worked cases of the filing deadline (RULES.md §1.5) on the official 2025–2026 calendar."""

from dataclasses import dataclass, replace

import pytest

from adr_intake.domain.filing import Complaint, DecisionType, FilingRules, Procedure
from adr_intake.domain.filing.deadlines import earliest_filing_date, filing_deadline
from adr_runtime.legal_time import CalendarRow, DayKind, official_calendar

from ..filing_builders import D, a_complaint, a_penalty, a_reconsideration

pytestmark = pytest.mark.clause("M4")

RULES = FilingRules()


@dataclass(frozen=True)
class Case:
    why: str
    complaint: Complaint
    deadline: str


def failure_to_act(**changes: object) -> Complaint:
    act = a_penalty(
        type="failure_to_protect",
        is_failure_to_act=True,
        made_date=None,
        known_date=None,
        served_date=None,
        application_date=D("2025-07-10"),
    )
    return a_complaint(replace(act, **changes))


CASES = [
    Case("A: penalty known 2025-09-10, rights told: six months", a_complaint(), "2026-03-10"),
    Case(
        "A: six months ending on National Day roll to 2025-10-09",
        a_complaint(a_penalty(known_date=D("2025-04-01"), made_date=D("2025-03-28"))),
        "2025-10-09",
    ),
    Case(
        "A: six months ending in Spring Festival roll to 2026-02-24",
        a_complaint(a_penalty(known_date=D("2025-08-17"), made_date=D("2025-08-15"))),
        "2026-02-24",
    ),
    Case(
        "A: counted from knowing the content when that is later (ALL-Interp art.65)",
        a_complaint(a_penalty(content_known_date=D("2025-10-20"))),
        "2026-04-20",
    ),
    Case(
        "A: known date missing: counted from service",
        a_complaint(a_penalty(known_date=None, served_date=D("2025-09-12"))),
        "2026-03-12",
    ),
    Case(
        "A: not told of the deadline, learnt it later: capped at one year from the content",
        a_complaint(
            a_penalty(
                known_date=D("2025-03-03"),
                made_date=D("2025-03-01"),
                informed_of_litigation_right_and_deadline=False,
                deadline_known_date=D("2025-12-01"),
            )
        ),
        "2026-03-03",
    ),
    Case(
        "A: not told, learnt it soon: six months from learning it",
        a_complaint(
            a_penalty(
                known_date=D("2025-03-03"),
                made_date=D("2025-03-01"),
                informed_of_litigation_right_and_deadline=False,
                deadline_known_date=D("2025-04-10"),
            )
        ),
        "2025-10-10",
    ),
    Case(
        "A: not told and never learnt: one year from the content",
        a_complaint(
            a_penalty(
                known_date=D("2025-03-03"), made_date=D("2025-03-01"), informed_of_litigation_right_and_deadline=False
            )
        ),
        "2026-03-03",
    ),
    Case(
        "D: real property, 20 years from the act cap a later deadline (no roll: a Sunday)",
        a_complaint(
            a_penalty(
                type="expropriation", made_date=D("2006-05-10"), known_date=D("2025-11-20"), concerns_real_property=True
            )
        ),
        "2026-05-10",
    ),
    Case(
        "D: other acts, 5 years from the act",
        a_complaint(
            a_penalty(
                made_date=D("2020-11-02"), known_date=D("2025-09-01"), informed_of_litigation_right_and_deadline=False
            )
        ),
        "2025-11-02",
    ),
    Case(
        "B: reconsideration decision served 2025-09-16: 15 days, rolled past National Day",
        a_complaint(reconsideration=a_reconsideration()),
        "2025-10-09",
    ),
    Case(
        "B: decision served 2026-02-01: 15 days end in Spring Festival",
        a_complaint(reconsideration=a_reconsideration(decision_served_date=D("2026-02-01"))),
        "2026-02-24",
    ),
    Case(
        "B: decision did not tell the deadline: one year from service",
        a_complaint(
            reconsideration=a_reconsideration(decision_served_date=D("2025-03-03"), decision_informed_deadline=False)
        ),
        "2026-03-03",
    ),
    Case(
        "B: no decision, ordinary procedure: 60 days from acceptance, then 15 days",
        a_complaint(reconsideration=a_reconsideration(None, accepted_date=D("2025-06-05"))),
        "2025-08-19",
    ),
    Case(
        "B: no decision, simple procedure: 30 days (to Monday 07-07), then 15 days",
        a_complaint(reconsideration=a_reconsideration(None, accepted_date=D("2025-06-05"), procedure=Procedure.SIMPLE)),
        "2025-07-22",
    ),
    Case(
        "B: extended by 30 days (ARL art.62(1))",
        a_complaint(reconsideration=a_reconsideration(None, accepted_date=D("2025-06-05"), extended_days=30)),
        "2025-09-18",
    ),
    Case(
        "B: deemed accepted 5 working days after applying (09-28 worked, 10-01..08 off)",
        a_complaint(reconsideration=a_reconsideration(None, accepted_date=None, applied_date=D("2025-09-26"))),
        "2025-12-24",
    ),
    Case("C: failure to act: 2 months to perform, then 6 months", failure_to_act(), "2026-03-10"),
    Case(
        "C: a statutory duty period of 30 days ends on National Day, then 6 months",
        failure_to_act(application_date=D("2025-09-01"), statutory_duty_period_days=30),
        "2026-04-09",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_filing_deadline_worked_cases(case: Case) -> None:
    deadline = filing_deadline(case.complaint, RULES)

    assert deadline is not None
    assert deadline.day == D(case.deadline), case.why
    assert not deadline.provisional


def test_a_deadline_in_2027_is_provisional_naming_the_year() -> None:
    deadline = filing_deadline(a_complaint(a_penalty(known_date=D("2026-09-10"), made_date=D("2026-09-08"))), RULES)

    assert deadline is not None
    assert deadline.day == D("2027-03-10")
    assert (deadline.provisional, deadline.missing_years) == (True, (2027,))


def test_no_deadline_without_any_start_date() -> None:
    act = a_penalty(made_date=None, served_date=None, known_date=None)

    assert filing_deadline(a_complaint(act), RULES) is None


def test_a_withdrawn_reconsideration_leaves_the_direct_suit_deadline() -> None:
    complaint = a_complaint(reconsideration=a_reconsideration(DecisionType.MAINTAIN, withdrawn=True))

    deadline = filing_deadline(complaint, RULES)

    assert deadline is not None and deadline.day == D("2026-03-10")


def test_failure_to_act_can_be_sued_the_day_after_the_agency_s_time_ends() -> None:
    assert earliest_filing_date(failure_to_act(), RULES) == D("2025-09-11")


def test_failure_to_act_waiting_period_rolls_with_the_holidays() -> None:
    complaint = failure_to_act(application_date=D("2025-09-01"), statutory_duty_period_days=30)

    assert earliest_filing_date(complaint, RULES) == D("2025-10-10")


def test_an_emergency_needs_no_waiting_period() -> None:
    assert earliest_filing_date(failure_to_act(emergency=True), RULES) is None


def test_no_earliest_filing_date_for_an_act() -> None:
    assert earliest_filing_date(a_complaint(), RULES) is None


def test_a_loaded_2027_notice_makes_the_2027_deadline_exact() -> None:
    notice = [CalendarRow(D("2027-03-10"), DayKind.HOLIDAY, "测试假日", "国办发明电（测试）")]
    rules = FilingRules(calendar=official_calendar().merged(notice))
    complaint = a_complaint(a_penalty(known_date=D("2026-09-10"), made_date=D("2026-09-08")))

    deadline = filing_deadline(complaint, rules)

    assert deadline is not None
    assert (deadline.day, deadline.provisional) == (D("2027-03-11"), False)
