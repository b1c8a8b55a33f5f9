"""The merge rules of the read model: any order, any repetition, the same facts."""

from dataclasses import asdict
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adr_reporting.domain.facts import (
    Classified,
    DisputeFacts,
    Fact,
    FilingReviewed,
    LeadAgencyDecided,
    MediationAgreed,
    MediationFailed,
    MediationOpened,
    MediationStatus,
    Registered,
    Routed,
    Withdrawn,
)
from adr_reporting.domain.indicators import success_rate

pytestmark = pytest.mark.clause("M11")

CASE = uuid4()
AT = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
NO, RECEIVED = "WJG-2026-000001", date(2026, 11, 18)
FACTS: list[Fact] = [
    Registered(AT, "WJG-2026-000001", "online", date(2026, 11, 18), ("WJG-SCJ",), "penalty"),
    FilingReviewed(AT, mediable=True),
    Routed("mediation", date(2026, 11, 20), "WJG-2026-000001", date(2026, 11, 18), ("WJG-SCJ",)),
    MediationOpened(date(2026, 11, 21)),
    MediationFailed(date(2026, 12, 1), date(2026, 11, 18)),
    MediationOpened(date(2027, 1, 5)),  # a second mediation, in trial
    MediationAgreed(date(2027, 1, 20)),
    Classified(AT, major=False, group=True, sensitive=False),
    Classified(AT, major=True, group=True, sensitive=False),  # the same instant: more flags stand
    Classified(AT.replace(hour=9), major=False, group=False, sensitive=True),  # later: stands
    LeadAgencyDecided("WJG-ZJJ"),
    Withdrawn(date(2026, 11, 25)),
]


def merged(facts: list[Fact]) -> DisputeFacts:
    row = DisputeFacts(case_id=CASE)
    for fact in facts:
        row.apply(fact)
    return row


@given(st.permutations(FACTS), st.lists(st.sampled_from(FACTS), max_size=4))
def test_any_order_and_any_repetition_give_the_same_row(order: list[Fact], repeats: list[Fact]) -> None:
    assert asdict(merged([*order, *repeats])) == asdict(merged(FACTS))


def test_first_opening_and_latest_outcome_are_kept() -> None:
    row = merged(FACTS)

    assert row.mediation_opened_on == date(2026, 11, 21)
    assert row.mediation_status is MediationStatus.AGREED


def test_routing_fills_registration_gaps_but_never_overrides_the_registration() -> None:
    early = merged([FACTS[2]])
    assert (early.registration_no, early.received_on, early.registered_at) == (NO, RECEIVED, None)

    row = merged([Routed("filing", date(2026, 11, 20), "OTHER", date(2026, 11, 1), ("X",)), FACTS[0]])

    assert (row.registration_no, row.received_on, row.agency_codes) == (NO, RECEIVED, ("WJG-SCJ",))


@pytest.mark.parametrize(
    ("facts", "status"),
    [
        ([], None),
        ([MediationOpened(date(2026, 11, 21))], MediationStatus.OPENED),
        ([MediationAgreed(date(2026, 12, 1))], MediationStatus.AGREED),
        ([MediationFailed(date(2026, 12, 1), date(2026, 11, 18))], MediationStatus.FAILED),
        ([MediationAgreed(date(2026, 12, 1)), MediationFailed(date(2026, 12, 1), RECEIVED)], MediationStatus.AGREED),
        ([MediationAgreed(date(2026, 12, 1)), MediationFailed(date(2026, 12, 2), RECEIVED)], MediationStatus.FAILED),
    ],
    ids=["none", "opened", "agreed", "failed", "same_day_agreement_stands", "later_failure_wins"],
)
def test_mediation_status_follows_the_latest_outcome(facts: list[Fact], status: MediationStatus | None) -> None:
    assert merged(facts).mediation_status == status


@pytest.mark.parametrize(("agreed", "failed", "rate"), [(0, 0, None), (1, 1, 0.5), (2, 1, 0.6667), (3, 0, 1.0)])
def test_success_rate_is_agreed_over_concluded(agreed: int, failed: int, rate: float | None) -> None:
    assert success_rate(agreed, failed) == rate


@pytest.mark.clause("C2", "A1")
def test_the_latest_classification_the_lead_agency_and_the_withdrawal_are_kept() -> None:
    row = merged(FACTS)

    assert (row.major, row.group_dispute, row.sensitive) == (False, False, True)
    assert row.lead_agency_code == "WJG-ZJJ" and row.withdrawn_on == date(2026, 11, 25)
