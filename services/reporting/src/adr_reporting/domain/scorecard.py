"""Agency scorecards for the rule-of-law government assessment (法治政府建设考核, M10).

Each item is an indicator of the agency, weighted (the weights are settings). A rate counts as
itself, or as one minus itself when lower is better (the litigation loss rate). An item without
data in the period is left out and the other weights are rescaled, so an agency is never marked
down for what did not happen; the card says which items were left out.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from adr_reporting.domain.rates import Indicator

LOWER_IS_BETTER = frozenset({"litigation_loss_rate"})


@dataclass(frozen=True)
class ScoreItem:
    code: str
    name: str
    weight: float
    value: float | None
    points: float | None
    counted: bool
    note: str


@dataclass(frozen=True)
class Scorecard:
    agency_code: str
    score: float | None  # out of 100; None when no item has data
    items: tuple[ScoreItem, ...]


def scorecard(agency_code: str, indicators: Mapping[str, Indicator], weights: Mapping[str, float]) -> Scorecard:
    """The agency's weighted score out of 100 from its indicators."""
    items = []
    for code, weight in weights.items():
        indicator = indicators.get(code)
        if weight <= 0 or indicator is None:
            continue
        if indicator.value is None:
            note = "本期无数据，不计入，其余权重按比例折算"
            items.append(ScoreItem(code, indicator.name, weight, None, None, False, note))
            continue
        achieved = 1 - indicator.value if code in LOWER_IS_BETTER else indicator.value
        note = "越低越好，以 1 − 比率计分" if code in LOWER_IS_BETTER else "以比率计分"
        items.append(ScoreItem(code, indicator.name, weight, indicator.value, round(achieved * weight, 4), True, note))
    counted = [i for i in items if i.counted]
    total_weight = sum(i.weight for i in counted)
    score = round(100 * sum(i.points or 0 for i in counted) / total_weight, 2) if total_weight else None
    return Scorecard(agency_code=agency_code, score=score, items=tuple(items))
