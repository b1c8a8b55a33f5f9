"""Test builders for reporting: envelopes of every contract it reads, a hand-built event sequence, delivery."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import nats

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.intake import (
    AgencyDirectoryChangedV1,
    DisputeClassifiedV1,
    DisputeRegisteredV1,
    DisputeRoutedV1,
    DisputeWithdrawnV1,
    FilingReviewCompletedV1,
    LeadAgencyDecidedV1,
)
from adr_contracts.mediation import AgreementReachedV1, MediationFailedV1, MediationOpenedV1
from adr_contracts.subjects import parse_subject, stream_name
from adr_contracts.vocabulary import Channel, FailureReason, FilingCheck, MediationStage, Route, Verdict

T0 = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
RECEIVED_ON = date(2026, 11, 18)


def an_envelope(payload: ContractModel, *, case_id: UUID | None = None, at: datetime = T0) -> Envelope[Any]:
    """The payload in an envelope about ``case_id`` (a new one if not given)."""
    return envelope_for(payload, case_id=case_id or uuid4(), correlation_id=uuid4(), occurred_at=at)


def registered(*, channel: Channel = Channel.CENTRE_WALK_IN, no: str = "WJG-2026-000001") -> DisputeRegisteredV1:
    return DisputeRegisteredV1(
        registration_no=no,
        channel=channel,
        received_on=RECEIVED_ON,
        agency_codes=["WJG-SCJ"],
        act_type="penalty",
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

# shared with every service's tests
from adr_runtime.testing.waiting import consumer_counters as counters  # noqa: E402
from adr_runtime.testing.waiting import eventually  # noqa: E402

__all__ = ["counters", "eventually"]
