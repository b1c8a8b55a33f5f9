"""Lead agency (A1) and withdrawal on the dispute aggregate."""

from datetime import date
from uuid import uuid4

import pytest

from adr_intake.domain.errors import (
    AgencyNotInvolved,
    AlreadyWithdrawn,
    LeadAgencyAlreadyDecided,
    SingleAgency,
    WithdrawalAfterRouting,
)
from adr_intake.domain.events import DisputeRouted, DisputeWithdrawn, LeadAgencyDecided, LiaisonsNamed
from adr_intake.domain.model import Dispute, Stage

from ..builders import T0, a_dispute

pytestmark = pytest.mark.clause("A1")

DECIDED_ON = date(2026, 11, 27)


def two_agency_dispute() -> Dispute:
    dispute = a_dispute()
    dispute.agency_codes = ("WJG-ZJJ", "WJG-ZRZY")
    dispute.events.clear()
    return dispute


def test_a_single_agency_is_responsible_and_its_liaisons_are_named() -> None:
    dispute = a_dispute()
    dispute.events.clear()
    liaison = uuid4()

    dispute.name_responsible_agency((liaison,), now=T0)

    assert dispute.lead_agency_code == "WJG-SCJ" and dispute.liaisons_to_notify == (liaison,)
    assert dispute.events == [LiaisonsNamed(case_id=dispute.id, at=T0, agency_code="WJG-SCJ", liaison_count=1)]


def test_a_single_agency_needs_no_lead_agency_decision() -> None:
    with pytest.raises(SingleAgency):
        a_dispute().decide_lead_agency("WJG-SCJ", reasons="只有一个机关", decided_on=DECIDED_ON, liaisons=(), now=T0)


def test_the_lead_agency_is_one_of_those_involved_decided_once() -> None:
    dispute = two_agency_dispute()

    with pytest.raises(AgencyNotInvolved):
        dispute.decide_lead_agency("WJG-SCJ", reasons="理由", decided_on=DECIDED_ON, liaisons=(), now=T0)
    dispute.decide_lead_agency("WJG-ZJJ", reasons="征收由住建局实施", decided_on=DECIDED_ON, liaisons=(), now=T0)
    with pytest.raises(LeadAgencyAlreadyDecided):
        dispute.decide_lead_agency("WJG-ZRZY", reasons="改变主意", decided_on=DECIDED_ON, liaisons=(), now=T0)

    decided, named = dispute.events
    assert isinstance(decided, LeadAgencyDecided) and decided.lead_agency_code == "WJG-ZJJ"
    assert decided.agency_codes == ("WJG-ZJJ", "WJG-ZRZY") and decided.decided_on == DECIDED_ON
    assert isinstance(named, LiaisonsNamed) and named.liaison_count == 0


def test_routing_carries_the_lead_agency() -> None:
    dispute = two_agency_dispute()
    dispute.decide_lead_agency("WJG-ZJJ", reasons="理由", decided_on=DECIDED_ON, liaisons=(), now=T0)

    dispute.route_to("mediation", reason_code="discretionary_act", basis=None, now=T0)

    routed = dispute.events[-1]
    assert isinstance(routed, DisputeRouted) and routed.lead_agency_code == "WJG-ZJJ"


def test_a_registered_dispute_is_withdrawn_once_and_then_not_routed() -> None:
    dispute = a_dispute()
    dispute.events.clear()

    dispute.withdraw(reason_code="applicant_withdrew", now=T0)

    assert dispute.stage is Stage.WITHDRAWN and dispute.version == 1
    assert dispute.events == [
        DisputeWithdrawn(case_id=dispute.id, at=T0, reason_code="applicant_withdrew", registration_no="WJG-2026-000001")
    ]
    with pytest.raises(AlreadyWithdrawn):
        dispute.withdraw(reason_code="applicant_withdrew", now=T0)
    with pytest.raises(AlreadyWithdrawn):
        dispute.route_to("mediation", reason_code="discretionary_act", basis=None, now=T0)


def test_a_routed_dispute_is_withdrawn_where_it_went() -> None:
    dispute = a_dispute(channel="court_delegation", consent=True)

    with pytest.raises(WithdrawalAfterRouting):
        dispute.withdraw(reason_code="applicant_withdrew", now=T0)
    assert dispute.stage is Stage.ROUTED_TO_MEDIATION
