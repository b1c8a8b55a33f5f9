"""Early warnings are published through the outbox when first raised, and never twice for one pattern (M11, K3)."""

from datetime import date, timedelta
from uuid import uuid4

import httpx
import nats
import pytest

from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_contracts.vocabulary import RiskLevel
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client

from ..builders import eventually, obligation_overdue, publish, registered, risk_assessed
from ..scenario import ev

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("M11", "K3")]

DAY = date(2026, 11, 2)


async def published(js: nats.js.JetStreamContext) -> int:
    """Warnings in reporting's stream (its hand-off receipts to the producers travel there too)."""
    info = await js.stream_info("ADR_REPORTING", subjects_filter=EarlyWarningRaisedV1.SUBJECT)
    return int((info.state.subjects or {}).get(EarlyWarningRaisedV1.SUBJECT, 0))


async def test_warnings_are_published_once(running: ServiceContext, jetstream: nats.js.JetStreamContext) -> None:
    high = ev(risk_assessed(RiskLevel.HIGH, on=DAY), uuid4(), DAY)
    events = [ev(registered(no=f"R{i}"), uuid4(), DAY + timedelta(days=i)) for i in range(5)]
    events += [high, ev(obligation_overdue(due=DAY), uuid4(), DAY + timedelta(days=1)),
               ev(risk_assessed(RiskLevel.LOW, on=DAY), uuid4(), DAY)]
    for envelope in events:
        await publish(jetstream, envelope)

    # the fifth registration: one agency and one act type reach the threshold; plus high risk and overdue
    await eventually(lambda: _at_least(jetstream, 4), what="four warnings published")
    await publish(jetstream, ev(registered(no="R6"), uuid4(), DAY + timedelta(days=6)))  # same window
    await publish(jetstream, high, msg_id=str(uuid4()))  # the same assessment again
    marker = ev(obligation_overdue(due=DAY), uuid4(), DAY + timedelta(days=2))
    await publish(jetstream, marker)
    await eventually(lambda: _at_least(jetstream, 5), what="the marker's warning")

    async with api_client(running) as client:
        body = (await client.get("/api/v1/warnings")).json()
    assert await published(jetstream) == 5
    assert body["by_kind"] == {"deadline_overdue": 2, "high_risk": 1, "repeated_agency": 1, "repeated_act_type": 1}
    pattern = next(w for w in body["warnings"] if w["kind"] == "repeated_agency")
    assert pattern["count"] == 5 and pattern["suggests_comprehensive_suggestion"] and pattern["window_days"] == 90
    message = await jetstream.get_last_msg("ADR_REPORTING", EarlyWarningRaisedV1.SUBJECT)
    assert message.subject == EarlyWarningRaisedV1.SUBJECT


async def _at_least(js: nats.js.JetStreamContext, n: int) -> bool:
    return await published(js) >= n


async def test_scorecards_and_ledger_are_served(client: httpx.AsyncClient) -> None:
    cards = (await client.get("/api/v1/scorecards")).json()
    ledger = (await client.get("/api/v1/subsidies?period=2026-11")).json()
    bad = await client.get("/api/v1/subsidies?period=2026-13")

    assert cards["scorecards"] == [] and cards["weights"]["head_appearance_rate"] == 30.0
    assert ledger["total_fen"] == 0 and "R4" in ledger["definition"]
    assert bad.status_code == 422
