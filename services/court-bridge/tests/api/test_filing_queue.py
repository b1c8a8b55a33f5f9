"""The filing queue API on SQLite and PostgreSQL, fed through the subscription handlers."""

from typing import Any
from uuid import uuid4

import httpx
import pytest
from sqlalchemy import select

from adr_contracts import Envelope
from adr_contracts.vocabulary import Route
from adr_court_bridge.spec import SPEC
from adr_runtime.context import ServiceContext

from ..builders import FIRST_RECEIVED, T0, an_envelope, failed, routed

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3", "K1", "K2")]


async def deliver(ctx: ServiceContext, *envelopes: Envelope[Any]) -> None:
    """Applies each event in its own transaction with the handler subscribed to its contract."""
    handlers = {s.contract: s.handler for s in SPEC.subscriptions(ctx)}
    for envelope in envelopes:
        async with ctx.sessions() as session, session.begin():
            await handlers[type(envelope.data)](session, envelope)


async def test_dispute_routed_to_filing_appears_in_the_queue(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    envelope = an_envelope(routed())
    await deliver(ctx, envelope)

    response = await client.get(f"/api/v1/filing-queue/{envelope.case_id}")

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["source"]) == ("awaiting_filing", "dispute_routed")
    assert body["registration_no"] == "WJG-2026-000007"
    assert body["first_received_on"] == FIRST_RECEIVED.isoformat()


async def test_failed_mediation_flows_into_filing_keeping_the_date_first_received(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    envelope = an_envelope(failed())
    await deliver(ctx, envelope)

    body = (await client.get(f"/api/v1/filing-queue/{envelope.case_id}")).json()

    assert body["source"] == "mediation_failed"
    assert (body["first_received_on"], body["queued_on"]) == ("2026-11-02", "2026-12-18")
    assert (body["mediation_case_id"], body["failure_reason"]) == (str(envelope.data.mediation_case_id), "no_agreement")


@pytest.mark.parametrize(
    "payload",
    [routed(Route.MEDIATION), routed(Route.RECONSIDERATION), routed(Route.NOT_ACCEPTED), failed(Route.RECONSIDERATION)],
    ids=["routed_to_mediation", "routed_to_reconsideration", "not_accepted", "failed_to_reconsideration"],
)
async def test_decisions_for_other_routes_leave_the_queue_empty(
    ctx: ServiceContext, client: httpx.AsyncClient, payload: Any
) -> None:
    await deliver(ctx, an_envelope(payload))

    assert (await client.get("/api/v1/filing-queue")).json() == {"items": [], "total": 0}


async def test_a_second_trigger_for_the_same_dispute_adds_a_source_not_an_entry(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = uuid4()
    await deliver(ctx, an_envelope(routed(), case_id=case_id), an_envelope(failed(), case_id=case_id))

    page = (await client.get("/api/v1/filing-queue")).json()

    assert page["total"] == 1
    [entry] = page["items"]
    assert [s["source"] for s in entry["sources"]] == ["dispute_routed", "mediation_failed"]
    async with ctx.sessions() as session:
        history = ctx.tables.case_history
        actions = (await session.execute(select(history.c.action).where(history.c.case_id == case_id))).scalars()
        assert list(actions) == ["court.filing_queue.queued", "court.filing_queue.trigger_added"]


async def test_queue_lists_newest_first(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    older, newer = an_envelope(routed(), at=T0), an_envelope(failed(), at=T0.replace(day=21))
    await deliver(ctx, newer, older)

    page = (await client.get("/api/v1/filing-queue", params={"limit": 1})).json()

    assert page["total"] == 2
    assert [e["case_id"] for e in page["items"]] == [str(newer.case_id)]


async def test_unknown_dispute_is_a_problem_404(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/api/v1/filing-queue/{uuid4()}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/FilingEntryNotFound"
