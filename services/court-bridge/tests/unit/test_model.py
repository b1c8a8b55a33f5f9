"""The filing queue entry: one per dispute, the date first received kept (M3)."""

from datetime import date
from uuid import uuid4

import pytest

from adr_court_bridge.domain.errors import NotForFiling
from adr_court_bridge.domain.events import FilingTriggerAdded, QueuedForFiling
from adr_court_bridge.domain.model import FilingEntry, FilingSource

from ..builders import FIRST_RECEIVED, T0, a_trigger

pytestmark = pytest.mark.clause("M3")

CASE = uuid4()


def test_a_filing_decision_queues_the_dispute_with_its_date_first_received() -> None:
    entry = FilingEntry.queue(a_trigger(case_id=CASE))

    assert (entry.first_received_on, entry.queued_at, entry.source) == (FIRST_RECEIVED, T0, FilingSource.DISPUTE_ROUTED)
    assert [type(e) for e in entry.events] == [QueuedForFiling]


@pytest.mark.parametrize("route", ["mediation", "reconsideration", "not_accepted"])
def test_a_decision_for_another_route_is_not_queued(route: str) -> None:
    with pytest.raises(NotForFiling):
        FilingEntry.queue(a_trigger(case_id=CASE, next_route=route))


def test_failed_mediation_adds_a_source_to_the_same_entry_and_keeps_the_earliest_receipt() -> None:
    entry = FilingEntry.queue(a_trigger(case_id=CASE, first_received_on=date(2026, 11, 10)))
    entry.events.clear()

    entry.add_trigger(a_trigger(case_id=CASE, source=FilingSource.MEDIATION_FAILED, days_later=30))

    assert [s.source for s in entry.sources] == [FilingSource.DISPUTE_ROUTED, FilingSource.MEDIATION_FAILED]
    assert entry.first_received_on == FIRST_RECEIVED
    assert entry.registration_no == "WJG-2026-000007" and entry.failure_reason == "no_agreement"
    assert (entry.version, [type(e) for e in entry.events]) == (1, [FilingTriggerAdded])


def test_the_same_trigger_twice_changes_nothing() -> None:
    trigger = a_trigger(case_id=CASE)
    entry = FilingEntry.queue(trigger)
    entry.events.clear()

    entry.add_trigger(trigger)

    assert (len(entry.sources), entry.version, entry.events) == (1, 0, [])


def test_an_earlier_trigger_arriving_late_becomes_the_queueing_source() -> None:
    entry = FilingEntry.queue(a_trigger(case_id=CASE, source=FilingSource.MEDIATION_FAILED, days_later=30))

    entry.add_trigger(a_trigger(case_id=CASE, days_later=0))

    assert (entry.queued_at, entry.source) == (T0, FilingSource.DISPUTE_ROUTED)
    assert entry.mediation_case_id is not None
