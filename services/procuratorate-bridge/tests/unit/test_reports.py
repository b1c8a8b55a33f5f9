"""Annual and thematic analyses (M9): figures by agency and topic, and notices of problems."""

from datetime import date

import pytest

from adr_procuratorate_bridge.domain.reports import Period, ProblemNotice, SuggestionFact, analyse, notices

pytestmark = pytest.mark.clause("M9")

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def fact(agency: str, topic: str, issued_on: date = date(2026, 3, 1), *, replied: bool = False,
         adopted: bool = False, overdue: bool = False) -> SuggestionFact:
    return SuggestionFact(agency, topic, "correction", issued_on, replied, adopted, overdue)


def test_the_previous_period_has_the_same_length() -> None:
    assert YEAR.previous() == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert Period(date(2026, 3, 1), date(2026, 3, 31)).previous() == Period(date(2026, 1, 29), date(2026, 2, 28))


def test_figures_by_agency_with_reply_and_adoption_rates() -> None:
    analysis = analyse(title="t", period=YEAR, suggestions=[
        fact("A", "x", replied=True, adopted=True), fact("A", "y", replied=True), fact("A", "y", overdue=True),
        fact("B", "x", replied=True, adopted=True), fact("B", "x", date(2025, 5, 1)),
    ])

    [a, b] = analysis.by_agency
    assert (a.agency_code, a.issued, a.replied, a.adopted, a.overdue) == ("A", 3, 2, 1, 1)
    assert (round(a.reply_rate, 2), a.adoption_rate) == (0.67, 0.5)
    assert (b.issued, b.reply_rate) == (1, 1.0)  # the 2025 suggestion counts only for the comparison
    assert (analysis.issued, analysis.replied, analysis.adopted, analysis.overdue) == (4, 3, 2, 1)
    assert analysis.by_topic == (("x", 2), ("y", 2))


def test_general_emerging_and_trending_problems() -> None:
    current = [fact("A", "general"), fact("B", "general"), fact("A", "new"),
               fact("A", "rising"), fact("A", "rising"), fact("A", "rising"), fact("A", "flat")]
    previous = [fact("A", "general", date(2025, 1, 1)), fact("A", "rising", date(2025, 1, 1)),
                fact("A", "rising", date(2025, 1, 1)), fact("A", "flat", date(2025, 1, 1)),
                fact("A", "flat", date(2025, 1, 1))]

    found = notices(current, previous)

    assert found == (
        ProblemNotice("trending", "rising", 3, 2, ("A",)),
        ProblemNotice("general", "general", 2, 1, ("A", "B")),
        ProblemNotice("trending", "general", 2, 1, ("A", "B")),  # doubled
        ProblemNotice("emerging", "new", 1, 0, ("A",)),
    )


def test_hearings_assistance_evaluations_and_shared_facts_are_counted() -> None:
    analysis = analyse(
        title="t", period=YEAR, suggestions=[], hearing_outcomes=["reconciled", "reconciled", "closed"],
        assistance=[(True, 100_000), (False, None), (True, 50_000)], evaluation_ratings=["flawed", "qualified"],
        shared_kinds=["registration", "case_filed", "registration"],
    )

    assert analysis.hearings_by_outcome == (("reconciled", 2), ("closed", 1))
    assert analysis.assistance == (2, 1, 150_000)
    assert analysis.shared_by_kind == (("registration", 2), ("case_filed", 1))
