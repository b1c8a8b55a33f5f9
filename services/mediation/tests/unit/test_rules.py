"""Risk levels (RULES.md §7), conflicts of interest and double-booking (C4, J2, J3), subsidies (RULES.md §8)."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from adr_mediation.domain.errors import ConflictOfInterest, DoubleBooked, InvalidRisk, InvalidSession, NoSubsidyFacts
from adr_mediation.domain.people import Booking, Person, check_assignable, check_session
from adr_mediation.domain.risk import Thresholds, assess, level_for
from adr_mediation.domain.subsidy import CaseFact, SubsidyTable, lines_for


@pytest.mark.clause("W5", "A3")
@pytest.mark.parametrize(("factors", "level"), [
    ((), "low"), (("sensitive_date",), "low"), (("many_parties",), "medium"),
    (("many_parties", "expropriation"), "high"), (("threats", "media_attention"), "high"),
])
def test_the_weighted_factors_give_the_level(factors: tuple[str, ...], level: str) -> None:
    assert level_for(factors) == level


@pytest.mark.clause("W5")
def test_the_thresholds_are_configurable() -> None:
    assert level_for(("many_parties",), Thresholds(medium=4, high=8)) == "low"


@pytest.mark.clause("A3")
@pytest.mark.parametrize(("kind", "factors", "reasons"), [
    ("weather", (), "x"), ("petition", ("unknown_factor",), "x"), ("stability", (), "  "),
])
def test_an_assessment_needs_a_known_kind_known_factors_and_reasons(
    kind: str, factors: tuple[str, ...], reasons: str
) -> None:
    with pytest.raises(InvalidRisk):
        assess(id=uuid4(), mediation_case_id=uuid4(), kind=kind, factor_codes=factors, reasons=reasons,
               assessed_on=date(2026, 12, 1))


CASE = uuid4()


@pytest.mark.clause("C4", "J2", "R1")
@pytest.mark.parametrize(("person", "handler", "refused"), [
    (Person(uuid4(), "甲", "peoples_mediator"), False, False),
    (Person(uuid4(), "乙", "lawyer", legal_aid=True), False, False),
    (Person(uuid4(), "丙", "agency_staff", agency_code="WJG-SCJ"), False, True),  # belongs to the party agency
    (Person(uuid4(), "丁", "npc_deputy", declared_conflicts=("WJG-SCJ",)), False, True),
    (Person(uuid4(), "戊", "cppcc_member", declared_conflicts=(str(CASE),)), False, True),
    (Person(uuid4(), "己", "judge", active=False), False, True),
    (Person(uuid4(), "庚", "agency_staff", agency_code="WJG-SCJ"), True, False),  # J3: the agency's named handler
    (Person(uuid4(), "辛", "agency_staff", agency_code="WJG-ZJJ"), True, True),
])
def test_the_conflict_of_interest_check(person: Person, handler: bool, refused: bool) -> None:
    def check() -> None:
        check_assignable(person, case_id=CASE, agency_codes=("WJG-SCJ",), as_handler=handler)

    if refused:
        with pytest.raises(ConflictOfInterest):
            check()
    else:
        check()


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 3, hour, minute, tzinfo=UTC)


@pytest.mark.clause("C4")
@pytest.mark.parametrize(("start", "end", "refused"), [
    (at(9), at(10), True), (at(10, 30), at(11, 30), True), (at(8), at(12), True),
    (at(11), at(12), False), (at(8), at(9, 30), False),  # touching ends do not overlap
])
def test_nobody_is_double_booked(start: datetime, end: datetime, refused: bool) -> None:
    busy = uuid4()
    bookings = [Booking(session_id=uuid4(), person_id=busy, starts_at=at(9, 30), ends_at=at(11))]

    def check() -> None:
        check_session(starts_at=start, ends_at=end, person_ids=(busy, uuid4()), bookings=bookings)

    if refused:
        with pytest.raises(DoubleBooked):
            check()
    else:
        check()


def test_a_session_must_end_after_it_starts_and_have_someone() -> None:
    with pytest.raises(InvalidSession):
        check_session(starts_at=at(10), ends_at=at(10), person_ids=(uuid4(),), bookings=[])
    with pytest.raises(InvalidSession):
        check_session(starts_at=at(10), ends_at=at(11), person_ids=(), bookings=[])


TABLE = SubsidyTable(tiers_fen={"simple": 10000, "ordinary": 15000})


def fact(**changes: object) -> CaseFact:
    base = {"mediation_case_id": uuid4(), "lead_mediator_id": uuid4(), "closed_on": date(2026, 12, 15),
            "outcome": "agreement_performed", "difficulty": "ordinary", "already_paid": False}
    return CaseFact(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.clause("R4")
def test_one_subsidy_per_performed_case_of_the_month_to_its_lead_mediator() -> None:
    paid = fact()
    lines = lines_for("2026-12", [paid, fact(difficulty="simple"), fact(already_paid=True),
                                  fact(outcome="withdrawn"), fact(lead_mediator_id=None),
                                  fact(closed_on=date(2026, 11, 30))], TABLE)

    assert sorted(line.amount_fen for line in lines) == [10000, 15000]
    assert {line.basis_code for line in lines} == {"agreement_performed.ordinary", "agreement_performed.simple"}


@pytest.mark.clause("R4")
def test_no_subsidy_without_facts() -> None:
    with pytest.raises(NoSubsidyFacts):
        lines_for("2026-12", [fact(outcome="withdrawn"), fact(already_paid=True)], TABLE)
