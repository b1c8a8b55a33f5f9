"""Each indicator of RULES.md §9 from a hand-built event sequence, with its expected value (M11, J1, M5, M7, M10)."""

from datetime import date

import pytest

from adr_reporting.domain.rates import CALCULATORS, DEFINITIONS, Indicator, Scope, compute
from adr_reporting.translate import to_entry

from ..scenario import DEC, EXPECTED, NOV, SCJ, ZJJ, history

pytestmark = pytest.mark.clause("M11", "J1", "M5", "M7", "M10")


def indicators(scope: Scope = Scope()) -> dict[str, Indicator]:
    return {i.code: i for i in compute([to_entry(e) for e in history()], scope)}


@pytest.mark.parametrize("code", list(EXPECTED))
def test_indicator_has_its_hand_computed_value(code: str) -> None:
    indicator = indicators()[code]

    assert (indicator.numerator, indicator.denominator, indicator.value) == EXPECTED[code]
    assert indicator.available and indicator.definition.numerator and indicator.definition.basis


def test_every_indicator_has_a_definition_and_a_calculator() -> None:
    assert set(CALCULATORS) == set(DEFINITIONS) == set(EXPECTED) | {"petition_rate", "reconsideration_correction_rate"}


@pytest.mark.parametrize("code", ["petition_rate", "reconsideration_correction_rate"])
def test_underivable_indicators_say_why(code: str) -> None:
    indicator = indicators()[code]

    assert not indicator.available and indicator.value is None
    assert indicator.unavailable_reason is not None and indicator.unavailable_reason.startswith("无数据")


def test_breakdowns_keep_the_raw_counts() -> None:
    result = indicators()

    assert result["disputes_registered"].breakdown == {
        "act_type:licensing": 2, "act_type:penalty": 4, "agency:WJG-SCJ": 4, "agency:WJG-ZJJ": 2,
        "channel:centre_walk_in": 6,
    }
    assert result["head_appearance_rate"].breakdown["spoke_to_substance"] == 1
    assert result["appeal_rate"].breakdown == {"appealed_by_agency": 1, "appealed_by_citizen": 0}
    assert result["judicial_suggestion_reply_rate"].breakdown["average_days_late"] == 2.5
    assert result["agreement_performance_rate"].breakdown == {"on_time": 1, "late": 1, "overdue_unperformed": 1}
    assert result["judicial_assistance_rate"].breakdown == {"amount_fen": 500000}
    assert result["procuratorial_hearings"].breakdown == {"outcome:reconciled": 2}
    assert result["high_risk_rate"].breakdown == {"level:high": 1, "level:low": 1}
    assert result["follow_up_settled_rate"].breakdown == {"reopened": 1}
    assert result["judicial_confirmation_rate"].breakdown == {"requested": 1, "rejected": 1}


def test_as_of_a_past_date_counts_only_what_was_known_then() -> None:
    result = indicators(Scope(as_of=date(2026, 11, 30)))

    assert result["mediation_success_rate"].value is None  # both outcomes came on 1 December
    assert result["litigation_loss_rate"].denominator == 0
    assert result["disputes_registered"].value == 6
    assert result["judicial_suggestion_reply_rate"].numerator == 1
    assert indicators(Scope(as_of=date(2026, 11, 2)))["disputes_registered"].value == 2


def test_per_period_and_per_agency() -> None:
    december = indicators(Scope(start=DEC, end=date(2026, 12, 31)))
    november_zjj = indicators(Scope(start=NOV, end=date(2026, 11, 30), agency=ZJJ))
    scj = indicators(Scope(agency=SCJ))

    assert december["mediation_success_rate"].value == 0.5
    assert december["disputes_registered"].value == 0
    assert november_zjj["disputes_registered"].value == 2
    assert (november_zjj["head_appearance_rate"].numerator, november_zjj["head_appearance_rate"].denominator) == (1, 1)
    assert (scj["head_appearance_rate"].numerator, scj["head_appearance_rate"].denominator) == (1, 2)
    assert scj["substantive_resolution_rate"].denominator == 4


def test_the_order_facts_arrive_in_does_not_matter() -> None:
    entries = [to_entry(e) for e in history()]

    forward = compute(entries, Scope())
    backward = compute(list(reversed(entries)), Scope())

    assert forward == backward
