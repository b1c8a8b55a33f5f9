"""Procuratorial hearings and judicial assistance (P4): every allowed and refused transition."""

from datetime import date
from uuid import uuid4

import pytest

from adr_procuratorate_bridge.domain.errors import Conflict, DomainError
from adr_procuratorate_bridge.domain.hearings import (
    AssistanceApplication,
    AssistanceDecided,
    Hearing,
    HearingHeld,
    HearingOutcome,
    Participant,
    ParticipantRole,
)

pytestmark = pytest.mark.clause("P4")

OFFICER = Participant(ParticipantRole.HEARING_OFFICER, "听证员甲", "区人大代表")
APPLICANT = Participant(ParticipantRole.APPLICANT, "申请人乙")


def a_hearing() -> Hearing:
    return Hearing(id=uuid4(), case_id=uuid4(), topic="行政处罚争议公开听证", scheduled_on=date(2026, 12, 3))


def an_application() -> AssistanceApplication:
    return AssistanceApplication(
        id=uuid4(), case_id=uuid4(), applicant_name="申请人乙", reason="因病致贫", applied_on=date(2026, 12, 1),
        requested_fen=2_000_000,
    )


def test_a_held_hearing_records_participants_and_outcome_once() -> None:
    hearing = a_hearing()

    hearing.hold(held_on=date(2026, 12, 3), participants=(OFFICER, APPLICANT), outcome=HearingOutcome.RECONCILED,
                 summary=" 双方达成和解 ")

    assert (hearing.held, hearing.outcome, hearing.outcome_summary) == (True, HearingOutcome.RECONCILED, "双方达成和解")
    assert hearing.events == [HearingHeld(hearing.id)]
    with pytest.raises(Conflict, match="不能重复记录"):
        hearing.hold(held_on=date(2026, 12, 4), participants=(OFFICER,), outcome=HearingOutcome.CLOSED, summary="")


def test_a_hearing_needs_a_hearing_officer_and_named_participants() -> None:
    hearing = a_hearing()

    with pytest.raises(DomainError, match="听证员"):
        hearing.hold(held_on=date(2026, 12, 3), participants=(APPLICANT,), outcome=HearingOutcome.CLOSED, summary="")
    with pytest.raises(DomainError, match="姓名"):
        hearing.hold(
            held_on=date(2026, 12, 3), participants=(OFFICER, Participant(ParticipantRole.AGENCY, " ")),
            outcome=HearingOutcome.CLOSED, summary="",
        )
    assert not hearing.held and hearing.events == []


def test_assistance_granted_with_an_amount_once() -> None:
    application = an_application()

    application.decide(decided_on=date(2026, 12, 10), granted=True, amount_fen=1_500_000, reason="")

    assert (application.granted, application.amount_fen) == (True, 1_500_000)
    assert application.events == [AssistanceDecided(application.id)]
    with pytest.raises(Conflict, match="不能重复决定"):
        application.decide(decided_on=date(2026, 12, 11), granted=False, amount_fen=None, reason="x")


def test_assistance_refused_with_a_reason() -> None:
    application = an_application()

    application.decide(decided_on=date(2026, 12, 10), granted=False, amount_fen=None, reason="不符合救助条件")

    assert (application.granted, application.amount_fen, application.decision_reason) == (False, None, "不符合救助条件")


@pytest.mark.parametrize(
    ("granted", "amount", "reason", "decided_on", "message"),
    [
        (True, None, "", date(2026, 12, 10), "救助金额"),
        (True, 0, "", date(2026, 12, 10), "救助金额"),
        (False, 100, "不符合", date(2026, 12, 10), "不能有救助金额"),
        (False, None, " ", date(2026, 12, 10), "理由"),
        (True, 100, "", date(2026, 11, 30), "不能早于申请日期"),
    ],
)
def test_refused_assistance_decisions(
    granted: bool, amount: int | None, reason: str, decided_on: date, message: str
) -> None:
    application = an_application()

    with pytest.raises(DomainError, match=message):
        application.decide(decided_on=decided_on, granted=granted, amount_fen=amount, reason=reason)
    assert application.decided_on is None and application.events == []
