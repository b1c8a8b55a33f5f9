"""The dispute aggregate: registration first, one route, stages followed."""

import pytest

from adr_intake.domain.errors import AlreadyRouted, BasisRequired
from adr_intake.domain.events import DisputeRegistered, DisputeRouted, StageChanged
from adr_intake.domain.model import Stage

from ..builders import T0, a_dispute

pytestmark = pytest.mark.clause("M3")


def test_registration_records_the_registered_event_first() -> None:
    dispute = a_dispute()

    assert [type(e) for e in dispute.events] == [DisputeRegistered]
    assert dispute.stage is Stage.REGISTERED


@pytest.mark.clause("K1")
def test_court_delegation_with_consent_is_routed_to_mediation_at_registration() -> None:
    dispute = a_dispute(channel="court_delegation", consent=True)

    assert [type(e) for e in dispute.events] == [DisputeRegistered, DisputeRouted]
    assert dispute.stage is Stage.ROUTED_TO_MEDIATION
    routed = dispute.events[1]
    assert isinstance(routed, DisputeRouted) and routed.reason_code == "court_delegation"


def test_court_delegation_without_consent_waits_for_review() -> None:
    dispute = a_dispute(channel="court_delegation", consent=False)

    assert dispute.stage is Stage.REGISTERED


def test_routing_keeps_the_date_first_received() -> None:
    dispute = a_dispute()

    dispute.route_to("filing", reason_code="not_mediable", basis=None, now=T0)

    routed = dispute.events[-1]
    assert isinstance(routed, DisputeRouted)
    assert routed.first_received_on == dispute.received_on
    assert dispute.stage is Stage.ROUTED_TO_FILING and dispute.version == 1


def test_a_dispute_is_routed_only_once() -> None:
    dispute = a_dispute()
    dispute.route_to("mediation", reason_code="discretionary_act", basis=None, now=T0)

    with pytest.raises(AlreadyRouted):
        dispute.route_to("filing", reason_code="not_mediable", basis=None, now=T0)


def test_not_accepting_requires_the_law_cited() -> None:
    with pytest.raises(BasisRequired):
        a_dispute().route_to("not_accepted", reason_code="out_of_scope", basis=None, now=T0)


def test_following_the_same_stage_twice_records_nothing_new() -> None:
    dispute = a_dispute()
    dispute.events.clear()

    dispute.move_to(Stage.MEDIATING, now=T0)
    dispute.move_to(Stage.MEDIATING, now=T0)

    assert [type(e) for e in dispute.events] == [StageChanged]


@pytest.mark.clause("C1")
def test_the_board_never_moves_back_when_events_arrive_out_of_order() -> None:
    """Mediation's "opened" arriving after its "failed" leaves the dispute failed (found by the fault drills)."""
    dispute = a_dispute()
    dispute.events.clear()

    dispute.move_to(Stage.MEDIATION_FAILED, now=T0)
    dispute.move_to(Stage.MEDIATING, now=T0)
    dispute.move_to(Stage.ROUTED_TO_MEDIATION, now=T0)

    assert dispute.stage == Stage.MEDIATION_FAILED
    assert [e.stage for e in dispute.events if isinstance(e, StageChanged)] == ["mediation_failed"]


@pytest.mark.clause("C1", "M10")
def test_a_reopened_case_moves_back_to_mediating() -> None:
    dispute = a_dispute()
    dispute.move_to(Stage.RESOLVED, now=T0)

    dispute.move_to(Stage.MEDIATING, now=T0, reopened=True)

    assert dispute.stage == Stage.MEDIATING
