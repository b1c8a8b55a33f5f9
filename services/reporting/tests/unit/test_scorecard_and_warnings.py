"""Agency scorecards with configurable weights (M10), and the early-warning rules (M11, K3)."""

import random
from datetime import date, timedelta
from uuid import uuid4

import pytest

from adr_reporting.domain.journal import Entry, Kind
from adr_reporting.domain.rates import Scope, compute
from adr_reporting.domain.scorecard import scorecard
from adr_reporting.domain.warnings import (
    Candidate,
    WarningRules,
    WindowCounts,
    from_fact,
    is_new,
    window_keys,
    window_start,
)
from adr_reporting.translate import to_entry

from ..scenario import SCJ, ZJJ, history


def agency_indicators(agency: str) -> dict[str, object]:
    return {i.code: i for i in compute([to_entry(e) for e in history()], Scope(agency=agency))}


@pytest.mark.clause("M10")
@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"head_appearance_rate": 1, "litigation_loss_rate": 1}, 50.0),  # 0.5 and 1 - 0.5
        ({"head_appearance_rate": 3, "procuratorial_suggestion_reply_rate": 1}, 62.5),  # (3 x 0.5 + 1) / 4
        ({"head_appearance_rate": 3, "procuratorial_suggestion_reply_rate": 1, "petition_rate": 5}, 62.5),
        ({"petition_rate": 5}, None),
    ],
)
def test_score_is_the_weighted_mean_of_the_items_with_data(weights: dict[str, float], expected: float | None) -> None:
    card = scorecard(SCJ, agency_indicators(SCJ), weights)  # type: ignore[arg-type]

    assert card.score == expected
    assert all(item.counted == (item.code != "petition_rate") for item in card.items)


@pytest.mark.clause("M10")
def test_an_item_without_data_is_left_out_not_scored_zero() -> None:
    card = scorecard(ZJJ, agency_indicators(ZJJ), {"head_appearance_rate": 1, "litigation_loss_rate": 1})  # type: ignore[arg-type]

    assert card.score == 100.0  # the head appeared at its one hearing; no judgment against it
    assert [i.counted for i in card.items] == [True, False]


RULES = WarningRules(window_days=30, agency_threshold=3, act_type_threshold=4)
DAY = date(2026, 11, 20)


def registration(day: date, agency: str = SCJ, act_type: str = "penalty") -> Entry:
    return Entry(uuid4(), Kind.REGISTERED, day, uuid4(), (agency,), {"act_type": act_type})


def counted(entry: Entry, recent: list[Entry]) -> dict[str, int]:
    """The window's counts of the registration's keys, as the projection passes them (itself included)."""
    counts = WindowCounts()
    for earlier in [*recent, entry]:
        for key in window_keys(earlier):
            counts.add(key, earlier.on)
    start = window_start(entry.on, RULES)
    return {key: counts.count(key, start, entry.on) for key in window_keys(entry)}


def found_for(entry: Entry, recent: list[Entry]) -> list[Candidate]:
    return from_fact(entry, counted(entry, recent), RULES)


@pytest.mark.clause("M11", "K3")
def test_repeated_disputes_against_one_agency_within_the_window_raise_a_pattern() -> None:
    recent = [registration(DAY - timedelta(days=29)), registration(DAY - timedelta(days=3))]
    outside = [registration(DAY - timedelta(days=30)), registration(DAY - timedelta(days=40))]

    found = found_for(registration(DAY), recent + outside)

    assert [(c.kind, c.count, c.agency_code) for c in found] == [("repeated_agency", 3, SCJ)]
    assert found_for(registration(DAY), recent[:1] + outside) == []


@pytest.mark.clause("M11", "K3")
def test_repeated_act_type_across_agencies() -> None:
    recent = [registration(DAY, agency=f"A{i}") for i in range(3)]

    found = found_for(registration(DAY, agency="A9"), recent)

    assert [(c.kind, c.act_type, c.count) for c in found] == [("repeated_act_type", "penalty", 4)]


@pytest.mark.clause("M11")
def test_a_pattern_is_not_raised_twice_within_its_window_but_again_after() -> None:
    candidate = found_for(registration(DAY), [registration(DAY), registration(DAY)])[0]

    assert is_new(candidate, None)
    assert not is_new(candidate, DAY - timedelta(days=29))
    assert is_new(candidate, DAY - timedelta(days=30))


@pytest.mark.clause("M11")
def test_window_counts_keep_one_number_per_key_and_day() -> None:
    counts = WindowCounts()
    for offset in (0, 0, 1, 29, 30, 400):
        counts.add("k", DAY - timedelta(days=offset))

    assert counts.count("k", window_start(DAY, RULES), DAY) == 4  # 30 days: offsets 0..29
    assert counts.count("k", DAY - timedelta(days=1000), DAY) == 6  # a wide span sums the days it has
    assert counts.count("other", DAY, DAY) == 0


@pytest.mark.clause("M11")
def test_window_counts_agree_with_counting_every_registration_however_the_days_come() -> None:
    counts, seen, rng = WindowCounts(), [], random.Random(11)
    for n in range(3000):
        day = DAY + timedelta(days=n // 10 + rng.randint(-5, 5))  # mostly forward, sometimes back
        counts.add("k", day)
        seen.append(day)
        end = day + timedelta(days=rng.choice([0, 0, 0, 1, -40, 60]))
        start = window_start(end, RULES)
        assert counts.count("k", start, end) == sum(start <= d <= end for d in seen)


@pytest.mark.clause("M11")
@pytest.mark.parametrize(
    ("kind", "data", "expected"),
    [
        (Kind.OBLIGATION_OVERDUE, {"obligation_id": "o1", "due_on": "2026-11-10"}, "deadline_overdue"),
        (Kind.JUDICIAL_SUGGESTION_OVERDUE, {"suggestion_id": "s1", "reply_due_on": "2026-11-10"}, "deadline_overdue"),
        (
            Kind.PROCURATORIAL_SUGGESTION_OVERDUE,
            {"suggestion_id": "p1", "reply_due_on": "2026-11-10"},
            "deadline_overdue",
        ),
        (Kind.RISK_ASSESSED, {"level": "high", "kind": "petition"}, "high_risk"),
        (Kind.RISK_ASSESSED, {"level": "medium", "kind": "petition"}, None),
        (Kind.HEARING_HELD, {}, None),
    ],
)
def test_overdue_deadlines_and_high_risk_are_raised_once_for_good(
    kind: Kind, data: dict[str, str], expected: str | None
) -> None:
    found = from_fact(Entry(uuid4(), kind, DAY, uuid4(), (SCJ,), data), {}, RULES)

    assert [c.kind for c in found] == ([expected] if expected else [])
    if found:
        assert found[0].window_days is None and not is_new(found[0], DAY - timedelta(days=3650))
