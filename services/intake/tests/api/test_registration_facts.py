"""The contested act's facts recorded at registration (RULES.md §1.0), on SQLite and on PostgreSQL."""

from collections.abc import AsyncIterator

import httpx
import pytest

from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

from .test_registration import A_DISPUTE

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3")]

ACT_FACTS = {
    "act_made_on": "2026-10-05",
    "act_served_on": "2026-10-08",
    "act_known_on": "2026-10-08",
    "postmark_on": "2026-11-18",
    "claim_types": ["revoke_or_alter", "compensation_or_indemnity"],
    "reconsideration": {
        "applied": True,
        "organ": "伍家岗区人民政府",
        "decision_type": "maintain",
        "decision_served_on": "2026-11-10",
    },
}


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=database_url)
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


async def test_the_act_facts_are_stored_and_read_back(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/v1/disputes", json={**A_DISPUTE, **ACT_FACTS})
    assert created.status_code == 201, created.text

    read = await client.get(f"/api/v1/disputes/{created.json()['case_id']}")

    assert read.status_code == 200, read.text
    body = read.json()
    assert {name: body[name] for name in ACT_FACTS} == ACT_FACTS
    assert created.json()["reconsideration"] == ACT_FACTS["reconsideration"]


async def test_without_the_act_facts_a_registration_reads_them_empty(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/v1/disputes", json=A_DISPUTE)
    assert created.status_code == 201, created.text

    body = (await client.get(f"/api/v1/disputes/{created.json()['case_id']}")).json()

    assert [body[name] for name in ("act_made_on", "act_served_on", "act_known_on", "postmark_on")] == [None] * 4
    assert body["claim_types"] == [] and body["reconsideration"] is None


async def test_a_known_date_after_the_received_date_is_rejected_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/disputes", json={**A_DISPUTE, "act_known_on": "2026-11-21"})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["act_known_on"]


async def test_an_unknown_claim_type_or_decision_is_rejected(client: httpx.AsyncClient) -> None:
    bad_claim = await client.post("/api/v1/disputes", json={**A_DISPUTE, "claim_types": ["refund_please"]})
    bad_decision = await client.post(
        "/api/v1/disputes", json={**A_DISPUTE, "reconsideration": {"applied": True, "decision_type": "upheld"}}
    )

    assert bad_claim.status_code == 422 and bad_claim.json()["errors"][0]["field"] == "claim_types.0"
    assert bad_decision.status_code == 422
    assert bad_decision.json()["errors"][0]["field"] == "reconsideration.decision_type"
