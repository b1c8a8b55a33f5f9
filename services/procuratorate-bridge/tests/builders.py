"""Test builders for procuratorate-bridge: shared registrations, a clock, delivery."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import nats

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.court import (
    AppealSettledV1,
    CaseFiledV1,
    DecisionIssuedV1,
    HearingHeldV1,
    JudicialSuggestionIssuedV1,
    JudicialSuggestionRepliedV1,
)
from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_contracts.subjects import parse_subject, stream_name
from adr_contracts.vocabulary import CaseOutcome, Channel, DecisionKind, SuggestionKind, WarningKind

T0 = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)


def a_registration(*, case_id: UUID | None = None, no: str = "WJG-2026-000042") -> Envelope[DisputeRegisteredV1]:
    """A registration as intake shares it (no applicants: only their number)."""
    payload = DisputeRegisteredV1(
        registration_no=no,
        channel=Channel.PROCURATORATE_REFERRAL,
        received_on=date(2026, 11, 19),
        agency_codes=["WJG-SCJ", "WJG-ZJJ"],
        act_type="penalty",
        applicant_count=2,
    )
    return envelope_for(payload, case_id=case_id or uuid4(), correlation_id=uuid4(), occurred_at=T0)


def a_case_filing(*, case_id: UUID | None = None, no: str = "（2026）鄂0104行初88号") -> Envelope[CaseFiledV1]:
    """The court's filing of an administrative case, as shared with the procuratorate."""
    payload = CaseFiledV1(
        court_case_no=no, filed_on=date(2026, 11, 20), first_received_on=date(2026, 11, 13),
        agency_codes=["WJG-SCJ"], after_mediation=True,
    )
    return envelope_for(payload, case_id=case_id or uuid4(), correlation_id=uuid4(), occurred_at=T0)


def _samples() -> dict[type[ContractModel], ContractModel]:
    decision_id, suggestion_id = uuid4(), uuid4()
    return {
        DisputeRegisteredV1: a_registration().data,
        CaseFiledV1: a_case_filing().data,
        HearingHeldV1: HearingHeldV1(
            hearing_id=uuid4(), held_on=date(2026, 11, 25), agency_code="WJG-SCJ", head_required=True,
            head_appeared=True, head_rank="deputy", spoke_to_substance=True,
        ),
        DecisionIssuedV1: DecisionIssuedV1(
            decision_id=decision_id, kind=DecisionKind.JUDGMENT, outcome=CaseOutcome.REVOKED,
            issued_on=date(2026, 11, 26), served_on=date(2026, 11, 27), appeal_deadline=date(2026, 12, 14),
            agency_codes=["WJG-SCJ"],
        ),
        AppealSettledV1: AppealSettledV1(
            decision_id=decision_id, appealed=False, settled_on=date(2026, 12, 15)
        ),
        JudicialSuggestionIssuedV1: JudicialSuggestionIssuedV1(
            suggestion_id=suggestion_id, suggestion_no="（2026）鄂0104司建3号", kind=SuggestionKind.INDIVIDUAL,
            agency_code="WJG-SCJ", topic_code="procedure", issued_on=date(2026, 11, 26),
            reply_due_on=date(2027, 1, 26),
        ),
        JudicialSuggestionRepliedV1: JudicialSuggestionRepliedV1(
            suggestion_id=suggestion_id, agency_code="WJG-SCJ", replied_on=date(2027, 1, 20),
            reply_due_on=date(2027, 1, 26), days_late=0, adopted=True,
        ),
        EarlyWarningRaisedV1: EarlyWarningRaisedV1(
            warning_id=uuid4(), kind=WarningKind.REPEATED_AGENCY, raised_on=date(2026, 11, 27),
            agency_code="WJG-SCJ", count=4, window_days=90,
        ),
    }


def a_shared(contract: type[ContractModel], *, case_id: UUID | None = None) -> Envelope[Any]:
    """A valid event of a contract the procuratorate reads (fresh ids each time)."""
    return envelope_for(_samples()[contract], case_id=case_id or uuid4(), correlation_id=uuid4(), occurred_at=T0)


class StepClock:
    """A clock that moves one minute on every reading, so that arrival order is visible."""

    def __init__(self, start: datetime = T0) -> None:
        self._next = start

    def __call__(self) -> datetime:
        now, self._next = self._next, self._next + timedelta(minutes=1)
        return now


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


def at(client: Any, instant: datetime) -> None:
    """Fixes the API's clock of a client made by ``api_client``."""
    from adr_runtime.api_deps import get_clock

    client._transport.app.dependency_overrides[get_clock] = lambda: instant


SUGGESTION = {
    "kind": "social_governance",
    "agency_code": "WJG-SCJ",
    "topic_code": "penalty_procedure",
    "findings": "抽查发现行政处罚案件未告知当事人陈述、申辩权利。\n部分案件送达程序不规范。",
    "recommendations": "一、严格执行处罚告知程序。\n二、规范文书送达。",
    "legal_basis": "《中华人民共和国行政处罚法》第四十四条",
}


async def outbox_events(ctx: Any) -> list[dict[str, Any]]:
    """The envelopes staged in the outbox, in order."""
    from sqlalchemy import select

    async with ctx.sessions() as session:
        rows = (await session.execute(select(ctx.tables.outbox.c.envelope).order_by(ctx.tables.outbox.c.seq))).all()
    return [r.envelope for r in rows]
