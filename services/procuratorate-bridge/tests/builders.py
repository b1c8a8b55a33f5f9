"""Test builders for procuratorate-bridge: shared registrations, a clock, delivery."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import nats

from adr_contracts import Envelope, envelope_for
from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.subjects import parse_subject, stream_name
from adr_contracts.vocabulary import Channel

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
