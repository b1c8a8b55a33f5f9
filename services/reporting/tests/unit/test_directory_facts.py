"""The directory's read model (O3): the latest change of a unit stands, whatever the order or repetition."""

from dataclasses import asdict
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adr_reporting.domain.directory import AgencyChanged, AgencyFacts

pytestmark = pytest.mark.clause("O3")

AT = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
CHANGES = [
    AgencyChanged(AT, "WJG-SCJ", "伍家岗区市场监督管理局", "department", "added", 0),
    AgencyChanged(AT + timedelta(minutes=1), "WJG-SCJ", "伍家岗区市场监督管理局", "department", "updated", 1),
    AgencyChanged(AT + timedelta(minutes=1), "WJG-SCJ", "伍家岗区市场监督管理局", "department", "updated", 2),
    AgencyChanged(AT + timedelta(minutes=5), "WJG-SCJ", "伍家岗区市场监管局", "department", "removed", 2),
]


def merged(changes: list[AgencyChanged]) -> AgencyFacts:
    row = AgencyFacts(code="WJG-SCJ")
    for change in changes:
        row.apply(change)
    return row


@given(st.permutations(CHANGES), st.lists(st.sampled_from(CHANGES), max_size=4))
def test_any_order_and_any_repetition_give_the_same_row(
    order: list[AgencyChanged], repeats: list[AgencyChanged]
) -> None:
    assert asdict(merged([*order, *repeats])) == asdict(merged(CHANGES))


def test_the_latest_change_stands() -> None:
    row = merged(CHANGES)

    assert (row.name_zh, row.liaison_count, row.removed, row.last_change) == ("伍家岗区市场监管局", 2, True, "removed")
    assert merged(CHANGES[:3]).liaison_count == 2 and not merged(CHANGES[:3]).removed
