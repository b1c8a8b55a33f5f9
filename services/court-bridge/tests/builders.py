"""Test builders for court-bridge: routing and failure envelopes, triggers, delivery."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import nats

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.intake import DisputeRoutedV1
from adr_contracts.mediation import MediationFailedV1
from adr_contracts.subjects import parse_subject, stream_name
from adr_contracts.vocabulary import FailureReason, Route
from adr_court_bridge.domain.model import FilingSource, Trigger

T0 = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
FIRST_RECEIVED = date(2026, 11, 2)


def an_envelope(payload: ContractModel, *, case_id: UUID | None = None, at: datetime = T0) -> Envelope[Any]:
    """The payload in an envelope about ``case_id`` (a new one if not given)."""
    return envelope_for(payload, case_id=case_id or uuid4(), correlation_id=uuid4(), occurred_at=at)


def routed(route: Route = Route.FILING, *, first_received_on: date = FIRST_RECEIVED) -> DisputeRoutedV1:
    return DisputeRoutedV1(
        route=route,
        reason_code="not_mediable",
        routed_on=date(2026, 11, 20),
        first_received_on=first_received_on,
        registration_no="WJG-2026-000007",
        agency_codes=["WJG-SCJ"],
    )


def failed(next_route: Route = Route.FILING, *, first_received_on: date = FIRST_RECEIVED) -> MediationFailedV1:
    return MediationFailedV1(
        mediation_case_id=uuid4(),
        failed_on=date(2026, 12, 18),
        reason=FailureReason.NO_AGREEMENT,
        next_route=next_route,
        first_received_on=first_received_on,
    )


def a_trigger(
    *,
    case_id: UUID,
    source: FilingSource = FilingSource.DISPUTE_ROUTED,
    next_route: str = "filing",
    first_received_on: date = FIRST_RECEIVED,
    days_later: int = 0,
) -> Trigger:
    """A decision about ``case_id`` taken ``days_later`` days after T0."""
    at = T0 + timedelta(days=days_later)
    return Trigger(
        case_id=case_id,
        source=source,
        event_id=uuid4(),
        at=at,
        decided_on=at.date(),
        next_route=next_route,
        first_received_on=first_received_on,
        registration_no="WJG-2026-000007" if source is FilingSource.DISPUTE_ROUTED else None,
        agency_codes=("WJG-SCJ",) if source is FilingSource.DISPUTE_ROUTED else (),
        mediation_case_id=uuid4() if source is FilingSource.MEDIATION_FAILED else None,
        failure_reason="no_agreement" if source is FilingSource.MEDIATION_FAILED else None,
    )


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


async def deliver(ctx: Any, *envelopes: Envelope[Any]) -> None:
    """Applies each event in its own transaction with the handler subscribed to its contract."""
    from adr_court_bridge.spec import SPEC

    handlers = {s.contract: s.handler for s in SPEC.subscriptions(ctx)}
    for envelope in envelopes:
        async with ctx.sessions() as session, session.begin():
            await handlers[type(envelope.data)](session, envelope)


async def outbox_events(ctx: Any, subject: str) -> list[dict[str, Any]]:
    """The envelopes staged in the outbox under ``subject``, oldest first."""
    from sqlalchemy import select

    outbox = ctx.tables.outbox
    async with ctx.sessions() as session:
        rows = await session.execute(
            select(outbox.c.envelope).where(outbox.c.subject == subject).order_by(outbox.c.seq)
        )
    return [dict(r) for r in rows.scalars()]


DELEGATION = {
    "received_on": "2026-11-02",
    "agency_codes": ["WJG-SCJ"],
    "act_type": "administrative_penalty",
    "applicants": [{"name": "张三", "id_number": "420503199001011234", "phone": "13800000000"}],
    "consent": True,
}


def confirmation_requested() -> Any:
    from adr_contracts.mediation import ConfirmationRequestedV1

    return ConfirmationRequestedV1(
        mediation_case_id=uuid4(),
        agreement_id=uuid4(),
        requested_on=date(2026, 12, 1),
        agreed_on=date(2026, 11, 28),
        agency_codes=["WJG-SCJ"],
        obligation_count=2,
        total_amount_fen=500_000,
    )


def obligation_overdue(obligor: str = "agency") -> Any:
    from adr_contracts.mediation import ObligationOverdueV1
    from adr_contracts.vocabulary import ObligorKind

    return ObligationOverdueV1(
        mediation_case_id=uuid4(),
        obligation_id=uuid4(),
        obligor_kind=ObligorKind(obligor),
        agency_code="WJG-SCJ" if obligor == "agency" else None,
        due_on=date(2026, 12, 10),
        amount_fen=100_000,
    )


def warning_raised(kind: str = "repeated_agency") -> Any:
    from adr_contracts.reporting import EarlyWarningRaisedV1
    from adr_contracts.vocabulary import WarningKind

    return EarlyWarningRaisedV1(
        warning_id=uuid4(),
        kind=WarningKind(kind),
        raised_on=date(2026, 12, 1),
        agency_code="WJG-SCJ",
        act_type="administrative_penalty",
        case_ids=[uuid4(), uuid4(), uuid4()],
        count=3,
        window_days=90,
    )


async def a_filed_case(ctx: Any, client: Any, *, filed_on: str = "2026-11-23") -> UUID:
    """A dispute routed to filing and filed; returns its case id."""
    envelope = an_envelope(routed())
    await deliver(ctx, envelope)
    response = await client.post(f"/api/v1/filing-queue/{envelope.case_id}/filing", json={"filed_on": filed_on})
    assert response.status_code == 201, response.text
    assert envelope.case_id is not None
    return envelope.case_id
