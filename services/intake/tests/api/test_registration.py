"""Registration through the HTTP API, on SQLite and on PostgreSQL."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select

from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3", "W1")]

A_DISPUTE = {
    "channel": "centre_walk_in",
    "received_on": "2026-11-20",
    "applicants": [{"kind": "natural", "name": "张三", "phone": "13800000000"}],
    "agency_codes": ["WJG-SCJ"],
    "act_type": "penalty",
    "claims_summary": "请求撤销罚款决定",
    "mediation_consent": True,
}


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=database_url)
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


async def test_registration_commits_the_dispute_with_its_registered_event(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/disputes", json=A_DISPUTE)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["registration_no"].startswith("WJG-")
    assert body["applicants"] == [{"kind": "natural", "name": "张*"}]
    ctx = client._transport.app.state.ctx  # type: ignore[attr-defined]
    async with ctx.sessions() as session:
        subjects = (await session.execute(select(ctx.tables.outbox.c.subject))).scalars().all()
    assert subjects == ["adr.intake.dispute.registered.v1"]


async def test_registration_numbers_follow_each_other(client: httpx.AsyncClient) -> None:
    first = (await client.post("/api/v1/disputes", json=A_DISPUTE)).json()["registration_no"]
    second = (await client.post("/api/v1/disputes", json=A_DISPUTE)).json()["registration_no"]

    assert int(second.rsplit("-", 1)[1]) == int(first.rsplit("-", 1)[1]) + 1


async def test_bad_registration_is_rejected_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/disputes", json={**A_DISPUTE, "agency_codes": ["not a code"]})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "agency_codes.0"


async def test_routing_twice_is_a_conflict(client: httpx.AsyncClient) -> None:
    case_id = (await client.post("/api/v1/disputes", json=A_DISPUTE)).json()["case_id"]
    route = {"route": "filing", "reason_code": "not_mediable"}

    assert (await client.post(f"/api/v1/disputes/{case_id}/route", json=route)).status_code == 200
    second = await client.post(f"/api/v1/disputes/{case_id}/route", json=route)

    assert second.status_code == 409
    assert second.json()["type"] == "/problems/AlreadyRouted"


async def test_two_first_registrations_of_a_year_at_once_both_get_a_number(client: httpx.AsyncClient) -> None:
    """The year's counter is created or bumped in one statement: no collision, no 500 (found by the benchmarks)."""
    import asyncio

    first, second = await asyncio.gather(
        client.post("/api/v1/disputes", json=A_DISPUTE), client.post("/api/v1/disputes", json=A_DISPUTE)
    )

    assert (first.status_code, second.status_code) == (201, 201), (first.text, second.text)
    numbers = sorted(int(r.json()["registration_no"].rsplit("-", 1)[1]) for r in (first, second))
    assert numbers == [1, 2]


async def test_the_registration_answer_is_the_dispute_as_stored(client: httpx.AsyncClient) -> None:
    # the answer is built from the inserted row (no second read): it must be what a later read shows
    posted = await client.post(
        "/api/v1/disputes", json={**A_DISPUTE, "amount_yuan": 500, "act_doc_no": "罚字〔2026〕1号"}
    )

    read = await client.get(posted.headers["Location"])

    assert posted.status_code == 201 and read.status_code == 200
    assert posted.json() == read.json()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_concurrent_first_registrations_of_a_year_all_get_their_own_number(client: httpx.AsyncClient) -> None:
    # the year's counter row does not exist yet: the upsert must neither collide nor hand a number twice
    responses = await asyncio.gather(*(client.post("/api/v1/disputes", json=A_DISPUTE) for _ in range(8)))

    assert [r.status_code for r in responses] == [201] * 8
    assert len({r.json()["registration_no"] for r in responses}) == 8
