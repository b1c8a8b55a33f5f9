"""A hand-built history touching every indicator, with the value each must have (worked out by hand).

Six disputes (A, B, E, F against WJG-SCJ; C, D against WJG-ZJJ), three hearings, three obligations,
three judicial and two procuratorial suggestions. Every fact carries its own date.
"""

from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID, uuid4

from adr_contracts import ContractModel, Envelope
from adr_contracts.vocabulary import CaseOutcome, ClosingOutcome, ConfirmationOutcome, FollowUpOutcome, RiskLevel, Route

from .builders import (
    agreed,
    an_envelope,
    appeal_settled,
    assistance_decided,
    case_filed,
    closed,
    confirmation_requested,
    confirmation_ruled,
    decision_issued,
    failed,
    follow_up,
    hearing_held,
    judicial_overdue,
    judicial_reply,
    judicial_suggestion,
    obligation_fulfilled,
    obligation_overdue,
    opened,
    plan_submitted,
    procuratorial_hearing,
    procuratorial_reply,
    procuratorial_suggestion,
    registered,
    risk_assessed,
    routed,
)

SCJ, ZJJ = "WJG-SCJ", "WJG-ZJJ"
NOV, DEC = date(2026, 11, 1), date(2026, 12, 1)


def at(day: date) -> datetime:
    """Nine in the morning in the district (01:00 UTC)."""
    return datetime.combine(day, time(1, 0), tzinfo=UTC)


def ev(payload: ContractModel, case: UUID | None, day: date) -> Envelope[Any]:
    return an_envelope(payload, case_id=case, at=at(day))


def history() -> list[Envelope[Any]]:
    a, b, c, d, e, f = (uuid4() for _ in range(6))
    o1, o2, o3, s1, s2, s3, p1, p2, dec_e, dec_f = (uuid4() for _ in range(10))
    return [
        ev(registered(no="A", agency=SCJ), a, date(2026, 11, 2)),
        ev(registered(no="B", agency=SCJ), b, date(2026, 11, 2)),
        ev(registered(no="C", agency=ZJJ, act_type="licensing"), c, date(2026, 11, 3)),
        ev(registered(no="D", agency=ZJJ, act_type="licensing"), d, date(2026, 11, 3)),
        ev(registered(no="E", agency=SCJ), e, date(2026, 11, 4)),
        ev(registered(no="F", agency=SCJ), f, date(2026, 11, 4)),
        # routed 2026-11-20, first received 2026-11-18: two days each
        ev(routed(no="A"), a, date(2026, 11, 20)),
        ev(routed(no="B"), b, date(2026, 11, 20)),
        ev(routed(Route.NOT_ACCEPTED, no="C"), c, date(2026, 11, 20)),
        ev(opened(on=date(2026, 11, 21)), a, date(2026, 11, 21)),
        ev(opened(on=date(2026, 11, 21)), b, date(2026, 11, 21)),
        ev(opened(on=date(2026, 11, 21)), d, date(2026, 11, 21)),
        ev(closed(ClosingOutcome.WITHDRAWN, on=date(2026, 11, 25)), d, date(2026, 11, 25)),
        ev(agreed(on=date(2026, 12, 1)), a, date(2026, 12, 1)),
        ev(failed(on=date(2026, 12, 1)), b, date(2026, 12, 1)),
        ev(case_filed(on=date(2026, 11, 10)), e, date(2026, 11, 10)),
        ev(decision_issued(CaseOutcome.REVOKED, decision_id=dec_e, on=date(2026, 12, 10)), e, date(2026, 12, 10)),
        ev(decision_issued(CaseOutcome.UPHELD, decision_id=dec_f, on=date(2026, 12, 5)), f, date(2026, 12, 5)),
        ev(appeal_settled(decision_id=dec_e, by_agency=True, on=date(2026, 12, 26)), e, date(2026, 12, 26)),
        ev(appeal_settled(decision_id=dec_f, appealed=False, on=date(2026, 12, 21)), f, date(2026, 12, 21)),
        ev(hearing_held(on=date(2026, 11, 15)), e, date(2026, 11, 15)),
        ev(hearing_held(appeared=False, on=date(2026, 11, 16)), f, date(2026, 11, 16)),
        ev(hearing_held(agency=ZJJ, spoke=False, on=date(2026, 11, 17)), c, date(2026, 11, 17)),
        ev(obligation_fulfilled(o1, due=date(2026, 11, 10), on=date(2026, 11, 9)), a, date(2026, 11, 9)),
        ev(obligation_overdue(o2, due=date(2026, 11, 10)), a, date(2026, 11, 11)),
        ev(obligation_fulfilled(o2, due=date(2026, 11, 10), on=date(2026, 11, 14), late=True), a, date(2026, 11, 14)),
        ev(obligation_overdue(o3, due=date(2026, 11, 12)), a, date(2026, 11, 13)),
        ev(judicial_suggestion(s1, due=date(2026, 11, 10)), e, date(2026, 10, 11)),
        ev(judicial_suggestion(s2, due=date(2026, 11, 10)), e, date(2026, 10, 11)),
        ev(judicial_suggestion(s3, due=date(2026, 11, 10)), f, date(2026, 10, 11)),
        ev(judicial_reply(s1, due=date(2026, 11, 10)), e, date(2026, 11, 10)),
        ev(judicial_reply(s2, due=date(2026, 11, 10), days_late=5), e, date(2026, 11, 15)),
        ev(judicial_overdue(s3, due=date(2026, 11, 10)), f, date(2026, 11, 11)),
        ev(procuratorial_suggestion(p1, due=date(2026, 11, 20)), None, date(2026, 9, 21)),
        ev(procuratorial_reply(p1, due=date(2026, 11, 20)), None, date(2026, 11, 20)),
        ev(procuratorial_suggestion(p2, due=date(2027, 1, 10)), None, date(2026, 11, 11)),
        ev(confirmation_requested(), a, date(2026, 12, 2)),
        ev(confirmation_ruled(), a, date(2026, 12, 9)),
        ev(confirmation_ruled().model_copy(update={"outcome": ConfirmationOutcome.REJECTED}), d, date(2026, 12, 9)),
        ev(follow_up(), a, date(2026, 12, 20)),
        ev(follow_up().model_copy(update={"outcome": FollowUpOutcome.PROMISE_BROKEN, "reopened": True}), d,
           date(2026, 12, 20)),
        ev(plan_submitted(), e, date(2026, 11, 12)),
        ev(plan_submitted().model_copy(update={"on_time": False}), f, date(2026, 11, 12)),
        ev(procuratorial_hearing(), None, date(2026, 11, 10)),
        ev(procuratorial_hearing(), None, date(2026, 11, 10)),
        ev(assistance_decided(), None, date(2026, 11, 10)),
        ev(assistance_decided().model_copy(update={"granted": False, "amount_fen": None}), None, date(2026, 11, 10)),
        ev(risk_assessed(RiskLevel.HIGH), b, date(2026, 11, 10)),
        ev(risk_assessed(RiskLevel.LOW), c, date(2026, 11, 10)),
    ]


# (numerator, denominator, value) of every indicator over the whole history
EXPECTED = {
    "disputes_registered": (6, None, 6),
    "substantive_resolution_rate": (2, 6, 0.3333),  # A agreed, D withdrew; B failed, C not accepted, E lost, F upheld
    "mediation_success_rate": (1, 2, 0.5),
    "withdrawal_after_mediation_rate": (1, 2, 0.5),  # D withdrew; B failed
    "head_appearance_rate": (2, 3, 0.6667),
    "litigation_loss_rate": (1, 2, 0.5),
    "appeal_rate": (1, 2, 0.5),
    "agreement_performance_rate": (1, 3, 0.3333),  # o1 on time; o2 late; o3 never
    "judicial_suggestion_reply_rate": (1, 3, 0.3333),  # s1 on time; s2 five days late; s3 unanswered
    "procuratorial_suggestion_reply_rate": (1, 1, 1.0),  # p2 is not yet due
    "days_intake": (6, 3, 2.0),
    "days_mediation": (20, 2, 10.0),
    "days_trial": (30, 1, 30.0),
    "judicial_confirmation_rate": (1, 2, 0.5),  # A confirmed; D rejected
    "follow_up_settled_rate": (1, 2, 0.5),  # A settled; D's promise broken, reopened
    "plan_on_time_rate": (1, 2, 0.5),
    "procuratorial_hearings": (2, None, 2),
    "judicial_assistance_rate": (1, 2, 0.5),
    "high_risk_rate": (1, 2, 0.5),  # B high; C low
}
