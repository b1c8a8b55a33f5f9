"""Mediation's events leave as their published contracts, caused by and correlated with their origin."""

from datetime import date
from uuid import uuid4

import pytest

from adr_contracts.mediation import AgreementReachedV1, MediationFailedV1, MediationOpenedV1
from adr_contracts.vocabulary import FailureReason, MediationStage, Route
from adr_mediation import translate

from ..builders import FIRST_RECEIVED_ON, SIGNATURES, T0, a_failure, an_agreement, an_open_case

pytestmark = pytest.mark.clause("M3")


def test_opened_maps_to_mediation_opened_v1_in_its_envelope() -> None:
    case = an_open_case(reason_code="court_delegation")
    correlation, cause = uuid4(), uuid4()

    envelope = translate.to_envelope(case.events[0], correlation_id=correlation, causation_id=cause)

    assert envelope.event_type == MediationOpenedV1.SUBJECT
    assert (envelope.case_id, envelope.occurred_at) == (case.case_id, T0)
    assert (envelope.correlation_id, envelope.causation_id) == (correlation, cause)
    assert envelope.data == MediationOpenedV1(
        mediation_case_id=case.id, stage=MediationStage.COURT_DELEGATED,
        opened_on=case.opened_on, period_ends_on=case.period_ends_on,
    )


@pytest.mark.clause("W3")
def test_agreement_maps_to_agreement_reached_v1() -> None:
    case = an_open_case()
    case.draft_agreement(an_agreement(), now=T0)
    case.sign_agreement(SIGNATURES, now=T0)

    payload = translate.to_contract(case.events[-1])

    assert payload == AgreementReachedV1(
        mediation_case_id=case.id, agreed_on=date(2026, 12, 10), obligation_count=1,
        total_amount_fen=1_500_000, confirmation_requested=True,
    )


@pytest.mark.clause("A2")
def test_failure_maps_to_mediation_failed_v1_with_the_date_first_received() -> None:
    case = an_open_case()
    case.fail(a_failure(reason="refused", next_route="reconsideration"), now=T0)

    payload = translate.to_contract(case.events[-1])

    assert payload == MediationFailedV1(
        mediation_case_id=case.id, failed_on=date(2026, 12, 20), reason=FailureReason.REFUSED,
        next_route=Route.RECONSIDERATION, first_received_on=FIRST_RECEIVED_ON,
    )


@pytest.mark.clause("M10", "W4", "M6")
def test_every_new_event_maps_to_its_contract_and_notes_stay_in_the_history() -> None:
    case = an_open_case()
    case.draft_agreement(an_agreement(), now=T0)
    case.sign_agreement(SIGNATURES, now=T0)
    case.request_confirmation(requested_on=date(2026, 12, 11), now=T0)
    assert case.agreement is not None
    item = case.agreement.obligations[0]
    case.notice_overdue(item.id, today=date(2027, 1, 2), now=T0)
    case.fulfil(item.id, fulfilled_on=date(2027, 1, 3), evidence_note="回单", now=T0)
    case.close_performed(closed_on=date(2027, 1, 4), now=T0)
    case.record_follow_up(visited_on=date(2027, 2, 1), outcome="promise_broken", now=T0)

    mapped = [translate.to_envelope(e, correlation_id=uuid4(), causation_id=None) for e in case.events]

    subjects = [getattr(m, "event_type", None) or m.action for m in mapped]  # type: ignore[union-attr]
    assert subjects == [
        "adr.mediation.case.opened.v1", "mediation.agreement.drafted", "adr.mediation.case.agreement_reached.v1",
        "adr.mediation.agreement.confirmation_requested.v1", "adr.mediation.obligation.overdue.v1",
        "adr.mediation.obligation.fulfilled.v1", "adr.mediation.case.closed.v1",
        "adr.mediation.case.follow_up_recorded.v1",
    ]
