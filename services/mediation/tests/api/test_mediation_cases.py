"""The mediation-case register and its outcomes through the HTTP API, on SQLite and on PostgreSQL."""

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import select

from adr_mediation.spec import SPEC
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, service_context

from ..builders import FIRST_RECEIVED_ON, T0, open_case

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3")]

BASE = "/api/v1/mediation-cases"
AGREEMENT = {"agreed_on": "2026-12-10", "obligation_count": 2, "total_amount_fen": 1500000,
             "confirmation_requested": True}
FAILURE = {"failed_on": "2026-12-20", "reason": "no_agreement", "next_route": "filing"}


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


@pytest.fixture
async def client(ctx: ServiceContext) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(ctx) as http:
        yield http


async def outbox(ctx: ServiceContext) -> list[dict[str, Any]]:
    """The envelopes committed for publication, in outbox order."""
    async with ctx.sessions() as session:
        rows = (await session.execute(select(ctx.tables.outbox.c.envelope).order_by(ctx.tables.outbox.c.seq))).all()
    return [row.envelope for row in rows]


async def test_an_opened_case_is_shown_with_its_period(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id = await open_case(ctx)

    response = await client.get(f"{BASE}/{mediation_case_id}")

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["stage"], body["version"]) == ("open", "pre_litigation", 0)
    assert (body["opened_on"], body["period_ends_on"]) == ("2026-11-30", "2026-12-30")
    assert body["first_received_on"] == FIRST_RECEIVED_ON.isoformat()
    assert body["agreement"] is None and body["failure"] is None


async def test_an_unknown_case_is_not_found(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASE}/{uuid4()}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/MediationCaseNotFound"


@pytest.mark.clause("W2", "W3")
async def test_agreement_closes_the_case_and_commits_agreement_reached(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    mediation_case_id = await open_case(ctx)

    response = await client.post(f"{BASE}/{mediation_case_id}/agreement", json=AGREEMENT)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["version"]) == ("agreed", 1)
    assert body["agreement"] == AGREEMENT
    opened, agreed = await outbox(ctx)
    assert opened["type"] == "adr.mediation.case.opened.v1"
    assert agreed["type"] == "adr.mediation.case.agreement_reached.v1"
    assert agreed["data"] == {"mediation_case_id": str(mediation_case_id), **AGREEMENT}
    assert agreed["subject"] == body["case_id"]


@pytest.mark.clause("A2")
async def test_failure_commits_mediation_failed_keeping_the_date_first_received(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    mediation_case_id = await open_case(ctx)

    response = await client.post(f"{BASE}/{mediation_case_id}/failure", json=FAILURE)

    assert response.status_code == 200, response.text
    assert response.json()["failure"] == FAILURE
    failed = (await outbox(ctx))[-1]
    assert failed["type"] == "adr.mediation.case.failed.v1"
    assert failed["data"] == {"mediation_case_id": str(mediation_case_id), **FAILURE,
                              "first_received_on": FIRST_RECEIVED_ON.isoformat()}


@pytest.mark.clause("W3", "A2")
@pytest.mark.parametrize(("first", "second"), [("agreement", "agreement"), ("agreement", "failure"),
                                               ("failure", "agreement"), ("failure", "failure")])
async def test_a_closed_case_cannot_close_again(
    ctx: ServiceContext, client: httpx.AsyncClient, first: str, second: str
) -> None:
    mediation_case_id = await open_case(ctx)
    bodies = {"agreement": AGREEMENT, "failure": FAILURE}
    assert (await client.post(f"{BASE}/{mediation_case_id}/{first}", json=bodies[first])).status_code == 200

    response = await client.post(f"{BASE}/{mediation_case_id}/{second}", json=bodies[second])

    assert response.status_code == 409
    assert response.json()["type"] == "/problems/InvalidTransition"
    assert len(await outbox(ctx)) == 2


@pytest.mark.clause("A2")
async def test_failure_to_another_route_is_rejected_naming_the_field(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    mediation_case_id = await open_case(ctx)

    response = await client.post(f"{BASE}/{mediation_case_id}/failure", json={**FAILURE, "next_route": "not_accepted"})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["next_route"]
    assert "next_route" in response.json()["detail"]


@pytest.mark.clause("A2", "K1")
async def test_a_failed_court_delegation_cannot_go_to_reconsideration(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    mediation_case_id = await open_case(ctx, reason_code="court_delegation")

    response = await client.post(
        f"{BASE}/{mediation_case_id}/failure", json={**FAILURE, "next_route": "reconsideration"}
    )

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/InvalidNextRoute"
    assert (await client.get(f"{BASE}/{mediation_case_id}")).json()["status"] == "open"


@pytest.mark.clause("W3")
async def test_agreement_dated_before_the_opening_is_rejected(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id = await open_case(ctx)

    response = await client.post(f"{BASE}/{mediation_case_id}/agreement", json={**AGREEMENT, "agreed_on": "2026-11-29"})

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/DateBeforeOpening"


async def test_the_list_is_newest_first_filtered_and_paged(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    ids = [await open_case(ctx, now=T0 + timedelta(hours=hour)) for hour in range(3)]
    await client.post(f"{BASE}/{ids[0]}/agreement", json=AGREEMENT)

    everything = (await client.get(BASE)).json()
    open_page = (await client.get(BASE, params={"status": "open", "limit": 1, "offset": 1})).json()
    one = (await client.get(BASE, params={"case_id": everything["items"][2]["case_id"]})).json()

    assert everything["total"] == 3
    assert [UUID(item["mediation_case_id"]) for item in everything["items"]] == ids[::-1]
    assert (open_page["total"], [UUID(i["mediation_case_id"]) for i in open_page["items"]]) == (2, [ids[1]])
    assert (one["total"], UUID(one["items"][0]["mediation_case_id"])) == (1, ids[0])


async def test_an_unknown_status_filter_is_rejected(client: httpx.AsyncClient) -> None:
    response = await client.get(BASE, params={"status": "closed"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"
