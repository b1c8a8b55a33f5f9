"""Test builders for reporting: envelopes of every contract it reads, a hand-built event sequence, delivery."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import nats

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.court import (
    AppealSettledV1,
    CaseFiledV1,
    ConfirmationRuledV1,
    DecisionIssuedV1,
    HearingHeldV1,
    JudicialSuggestionIssuedV1,
    JudicialSuggestionOverdueV1,
    JudicialSuggestionRepliedV1,
    ResolutionPlanSubmittedV1,
)
from adr_contracts.intake import (
    AgencyDirectoryChangedV1,
    DisputeClassifiedV1,
    DisputeRegisteredV1,
    DisputeRoutedV1,
    DisputeWithdrawnV1,
    FilingReviewCompletedV1,
    LeadAgencyDecidedV1,
)
from adr_contracts.mediation import (
    AgreementReachedV1,
    ConfirmationRequestedV1,
    FollowUpRecordedV1,
    MediationClosedV1,
    MediationFailedV1,
    MediationOpenedV1,
    ObligationFulfilledV1,
    ObligationOverdueV1,
    RiskAssessedV1,
    SubsidyBatchApprovedV1,
)
from adr_contracts.procuratorate import (
    JudicialAssistanceDecidedV1,
    ProcuratorialHearingHeldV1,
    ProcuratorialSuggestionIssuedV1,
    ProcuratorialSuggestionOverdueV1,
    ProcuratorialSuggestionRepliedV1,
)
from adr_contracts.subjects import parse_subject, stream_name
from adr_contracts.vocabulary import (
    CaseOutcome,
    Channel,
    ClosingOutcome,
    ConfirmationOutcome,
    DecisionKind,
    FailureReason,
    FilingCheck,
    FollowUpOutcome,
    MediationStage,
    ObligorKind,
    RiskKind,
    RiskLevel,
    Route,
    SuggestionKind,
    Verdict,
)

T0 = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
RECEIVED_ON = date(2026, 11, 18)


def an_envelope(payload: ContractModel, *, case_id: UUID | None = None, at: datetime = T0) -> Envelope[Any]:
    """The payload in an envelope about ``case_id`` (a new one if not given)."""
    return envelope_for(payload, case_id=case_id or uuid4(), correlation_id=uuid4(), occurred_at=at)


def registered(
    *, channel: Channel = Channel.CENTRE_WALK_IN, no: str = "WJG-2026-000001", agency: str = "WJG-SCJ",
    act_type: str = "penalty",
) -> DisputeRegisteredV1:
    return DisputeRegisteredV1(
        registration_no=no,
        channel=channel,
        received_on=RECEIVED_ON,
        agency_codes=[agency],
        act_type=act_type,
        applicant_count=1,
    )


def filing_reviewed(*, mediable: bool | None = True) -> FilingReviewCompletedV1:
    check = FilingReviewCompletedV1.CheckOutcome(check=FilingCheck.CLAIM, verdict=Verdict.PASS, basis="行诉法第49条")
    return FilingReviewCompletedV1(checks=[check], mediable=mediable)


def routed(route: Route = Route.MEDIATION, *, no: str = "WJG-2026-000001") -> DisputeRoutedV1:
    return DisputeRoutedV1(
        route=route,
        reason_code="discretionary_act",
        routed_on=RECEIVED_ON + timedelta(days=2),
        first_received_on=RECEIVED_ON,
        registration_no=no,
        agency_codes=["WJG-SCJ"],
        mediation_consent=True,
    )


def opened(*, on: date = date(2026, 11, 21)) -> MediationOpenedV1:
    return MediationOpenedV1(
        mediation_case_id=uuid4(), stage=MediationStage.PRE_LITIGATION, opened_on=on, period_ends_on=on + timedelta(30)
    )


def agreed(*, on: date = date(2026, 12, 1)) -> AgreementReachedV1:
    return AgreementReachedV1(mediation_case_id=uuid4(), agreed_on=on, obligation_count=1)


def failed(*, on: date = date(2026, 12, 1)) -> MediationFailedV1:
    return MediationFailedV1(
        mediation_case_id=uuid4(),
        failed_on=on,
        reason=FailureReason.NO_AGREEMENT,
        next_route=Route.FILING,
        first_received_on=RECEIVED_ON,
    )


def classified(*, major: bool = True, group: bool = False) -> DisputeClassifiedV1:
    return DisputeClassifiedV1(
        major=major, group=group, sensitive=False, reason_codes=["manual"], manual=True, alert=major
    )


def lead_agency_decided(code: str = "WJG-ZJJ") -> LeadAgencyDecidedV1:
    return LeadAgencyDecidedV1(
        lead_agency_code=code, agency_codes=["WJG-ZJJ", "WJG-ZRZY"], decided_on=date(2026, 11, 27)
    )


def withdrawn(*, on: date = date(2026, 11, 25), no: str = "WJG-2026-000001") -> DisputeWithdrawnV1:
    return DisputeWithdrawnV1(reason_code="applicant_withdrew", withdrawn_on=on, registration_no=no)


def agency_changed(
    code: str = "WJG-SCJ", *, change: str = "added", liaisons: int = 0, kind: str = "department"
) -> AgencyDirectoryChangedV1:
    return AgencyDirectoryChangedV1(
        code=code, name_zh="伍家岗区市场监督管理局", kind=kind, change=change, liaison_count=liaisons  # type: ignore[arg-type]
    )


def reference_envelope(payload: ContractModel, *, at: datetime = T0) -> Envelope[Any]:
    """Reference data: an envelope about no case."""
    return envelope_for(payload, case_id=None, correlation_id=uuid4(), occurred_at=at)


def a_history() -> list[Envelope[Any]]:
    """Five disputes' events, in the order they happened (the expected numbers are in EXPECTED_*).

    A: walk-in, routed to mediation, agreed.   B: online, routed to mediation, failed.
    C: walk-in, routed to filing.              D: court delegation, mediation opened (in progress).
    E: petition referral, registered only.
    """
    a, b, c, d, e = (uuid4() for _ in range(5))
    return [
        an_envelope(registered(no="A"), case_id=a),
        an_envelope(registered(channel=Channel.ONLINE, no="B"), case_id=b),
        an_envelope(registered(no="C"), case_id=c),
        an_envelope(registered(channel=Channel.COURT_DELEGATION, no="D"), case_id=d),
        an_envelope(registered(channel=Channel.PETITION_REFERRAL, no="E"), case_id=e),
        an_envelope(filing_reviewed(), case_id=a),
        an_envelope(routed(no="A"), case_id=a),
        an_envelope(routed(no="B"), case_id=b),
        an_envelope(routed(Route.FILING, no="C"), case_id=c),
        an_envelope(routed(no="D"), case_id=d),
        an_envelope(opened(), case_id=a),
        an_envelope(opened(), case_id=b),
        an_envelope(opened(), case_id=d),
        an_envelope(agreed(), case_id=a),
        an_envelope(failed(), case_id=b),
    ]


EXPECTED_DISPUTES = {
    "total": 5,
    "by_channel": {"centre_walk_in": 2, "online": 1, "court_delegation": 1, "petition_referral": 1},
    "by_route": {"mediation": 3, "filing": 1},
}
EXPECTED_MEDIATION = {"opened": 3, "in_progress": 1, "agreed": 1, "failed": 1, "success_rate": 0.5}


def mediation_first(history: list[Envelope[Any]]) -> list[Envelope[Any]]:
    """The same events with every mediation event first, outcomes before openings (out of order)."""
    rank = {"mediation": 0, "intake": 1}
    events = history[::-1]
    events.sort(key=lambda e: rank[e.source.rsplit("/", 1)[-1]])  # stable: each producer's events stay reversed
    return events


async def publish(js: nats.js.JetStreamContext, envelope: Envelope[Any], *, msg_id: str | None = None) -> None:
    """Publishes as the producer's relay does (``msg_id`` other than the event id: a true redelivery)."""
    stream = stream_name(parse_subject(envelope.event_type).producer)
    headers = {"Nats-Msg-Id": msg_id or str(envelope.event_id)}
    ack = await js.publish(envelope.event_type, envelope.to_json(), stream=stream, headers=headers)
    assert not ack.duplicate

D = date(2026, 11, 10)
AGENCY = "WJG-SCJ"


def confirmation_requested() -> ConfirmationRequestedV1:
    return ConfirmationRequestedV1(
        mediation_case_id=uuid4(), agreement_id=uuid4(), requested_on=D, agreed_on=D, agency_codes=[AGENCY],
        obligation_count=1,
    )


def risk_assessed(level: RiskLevel = RiskLevel.HIGH, *, on: date = D) -> RiskAssessedV1:
    return RiskAssessedV1(
        mediation_case_id=uuid4(), kind=RiskKind.PETITION, level=level, factor_codes=["repeat_visits"], assessed_on=on
    )


def obligation_overdue(obligation_id: UUID | None = None, *, due: date = D) -> ObligationOverdueV1:
    return ObligationOverdueV1(
        mediation_case_id=uuid4(), obligation_id=obligation_id or uuid4(), obligor_kind=ObligorKind.AGENCY,
        agency_code=AGENCY, due_on=due,
    )


def obligation_fulfilled(
    obligation_id: UUID | None = None, *, due: date = D, on: date = D, late: bool = False
) -> ObligationFulfilledV1:
    return ObligationFulfilledV1(
        mediation_case_id=uuid4(), obligation_id=obligation_id or uuid4(), obligor_kind=ObligorKind.AGENCY,
        agency_code=AGENCY, due_on=due, fulfilled_on=on, late=late,
    )


def closed(outcome: ClosingOutcome = ClosingOutcome.AGREEMENT_PERFORMED, *, on: date = D) -> MediationClosedV1:
    return MediationClosedV1(mediation_case_id=uuid4(), outcome=outcome, closed_on=on)


def follow_up() -> FollowUpRecordedV1:
    return FollowUpRecordedV1(mediation_case_id=uuid4(), visited_on=D, outcome=FollowUpOutcome.SETTLED, reopened=False)


def subsidy_batch(*amounts: int, period: str = "2026-11") -> SubsidyBatchApprovedV1:
    amounts = amounts or (30000,)
    lines = [
        SubsidyBatchApprovedV1.Line(mediator_id=uuid4(), mediation_case_id=uuid4(), basis_code="ordinary", amount_fen=a)
        for a in amounts
    ]
    return SubsidyBatchApprovedV1(batch_id=uuid4(), period=period, approved_on=D, lines=lines, total_fen=sum(amounts))


def case_filed(*, on: date = D) -> CaseFiledV1:
    return CaseFiledV1(
        court_case_no="（2026）鄂0503行初1号", filed_on=on, first_received_on=RECEIVED_ON, agency_codes=[AGENCY],
        after_mediation=False,
    )


def plan_submitted() -> ResolutionPlanSubmittedV1:
    return ResolutionPlanSubmittedV1(
        plan_id=uuid4(), version=1, agency_code=AGENCY, submitted_on=D, defence_due_on=D + timedelta(15), on_time=True,
        evidence_count=2,
    )


def hearing_held(
    *, appeared: bool = True, required: bool = True, spoke: bool = True, agency: str = AGENCY, on: date = D
) -> HearingHeldV1:
    return HearingHeldV1(
        hearing_id=uuid4(), held_on=on, agency_code=agency, head_required=required, head_appeared=appeared,
        head_rank="deputy" if appeared else None, spoke_to_substance=spoke and appeared,
    )


def decision_issued(
    outcome: CaseOutcome = CaseOutcome.UPHELD, *, decision_id: UUID | None = None, on: date = D
) -> DecisionIssuedV1:
    return DecisionIssuedV1(
        decision_id=decision_id or uuid4(), kind=DecisionKind.JUDGMENT, outcome=outcome, issued_on=on, served_on=on,
        appeal_deadline=on + timedelta(15), agency_codes=[AGENCY],
    )


def appeal_settled(
    *, decision_id: UUID | None = None, appealed: bool = True, by_agency: bool = False, on: date = D
) -> AppealSettledV1:
    return AppealSettledV1(
        decision_id=decision_id or uuid4(), appealed=appealed, appellant_is_agency=by_agency if appealed else None,
        settled_on=on,
    )


def confirmation_ruled() -> ConfirmationRuledV1:
    return ConfirmationRuledV1(
        mediation_case_id=uuid4(), agreement_id=uuid4(), outcome=ConfirmationOutcome.CONFIRMED,
        ruling_no="（2026）鄂0503民特1号", ruled_on=D,
    )


def judicial_suggestion(suggestion_id: UUID | None = None, *, due: date = D) -> JudicialSuggestionIssuedV1:
    return JudicialSuggestionIssuedV1(
        suggestion_id=suggestion_id or uuid4(), suggestion_no="（2026）鄂0503司建1号", kind=SuggestionKind.INDIVIDUAL,
        agency_code=AGENCY, topic_code="procedure", issued_on=due - timedelta(30), reply_due_on=due,
    )


def judicial_reply(
    suggestion_id: UUID | None = None, *, due: date = D, days_late: int = 0
) -> JudicialSuggestionRepliedV1:
    return JudicialSuggestionRepliedV1(
        suggestion_id=suggestion_id or uuid4(), agency_code=AGENCY, replied_on=due + timedelta(days_late),
        reply_due_on=due, days_late=days_late, adopted=True,
    )


def judicial_overdue(suggestion_id: UUID | None = None, *, due: date = D) -> JudicialSuggestionOverdueV1:
    return JudicialSuggestionOverdueV1(
        suggestion_id=suggestion_id or uuid4(), agency_code=AGENCY, reply_due_on=due, noticed_on=due + timedelta(1)
    )


def procuratorial_suggestion(suggestion_id: UUID | None = None, *, due: date = D) -> ProcuratorialSuggestionIssuedV1:
    return ProcuratorialSuggestionIssuedV1(
        suggestion_id=suggestion_id or uuid4(), suggestion_no="伍检行建〔2026〕1号", agency_code=AGENCY,
        topic_code="enforcement", issued_on=due - timedelta(60), reply_due_on=due,
    )


def procuratorial_reply(
    suggestion_id: UUID | None = None, *, due: date = D, days_late: int = 0
) -> ProcuratorialSuggestionRepliedV1:
    return ProcuratorialSuggestionRepliedV1(
        suggestion_id=suggestion_id or uuid4(), agency_code=AGENCY, replied_on=due + timedelta(days_late),
        reply_due_on=due, days_late=days_late, adopted=True,
    )


def procuratorial_overdue(suggestion_id: UUID | None = None, *, due: date = D) -> ProcuratorialSuggestionOverdueV1:
    return ProcuratorialSuggestionOverdueV1(
        suggestion_id=suggestion_id or uuid4(), agency_code=AGENCY, reply_due_on=due, noticed_on=due + timedelta(1)
    )


def procuratorial_hearing() -> ProcuratorialHearingHeldV1:
    return ProcuratorialHearingHeldV1(hearing_id=uuid4(), held_on=D, outcome_code="reconciled", participant_count=5)


def assistance_decided() -> JudicialAssistanceDecidedV1:
    return JudicialAssistanceDecidedV1(application_id=uuid4(), decided_on=D, granted=True, amount_fen=500000)


# one builder per contract reporting reads (the integration tests publish each)
EVERY_CONTRACT = [
    registered, filing_reviewed, routed, classified, lead_agency_decided, withdrawn, opened, agreed, failed,
    confirmation_requested, risk_assessed, obligation_overdue, obligation_fulfilled, closed, follow_up, subsidy_batch,
    case_filed, plan_submitted, hearing_held, decision_issued, appeal_settled, confirmation_ruled, judicial_suggestion,
    judicial_reply, judicial_overdue, procuratorial_suggestion, procuratorial_reply, procuratorial_overdue,
    procuratorial_hearing, assistance_decided,
]


# shared with every service's tests
from adr_runtime.testing.waiting import consumer_counters as counters  # noqa: E402
from adr_runtime.testing.waiting import eventually  # noqa: E402

__all__ = ["counters", "eventually"]
