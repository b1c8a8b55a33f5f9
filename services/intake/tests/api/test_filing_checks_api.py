"""``POST /api/v1/filing-checks``: the eight checks over HTTP, stateless (M4)."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from adr_intake.api.filing_schemas import EXAMPLE
from adr_intake.spec import SPEC
from adr_runtime.api_deps import get_clock
from adr_runtime.testing.service import api_client, migrated_context

pytestmark = [pytest.mark.integration, pytest.mark.clause("M4")]

URL = "/api/v1/filing-checks"
RESPONSE_FIELDS = {
    "checks", "filing_deadline", "deadline_provisional", "missing_calendar_years", "earliest_filing_date",
    "reconsideration_first", "court_level", "mediable", "route",
}  # fmt: skip
CHECKS = ["claim", "scope", "plaintiff", "defendant", "limitation", "reconsideration", "jurisdiction", "other_bars"]


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}")
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


def with_act(**changes: Any) -> dict[str, Any]:
    return {**EXAMPLE, "act": {**EXAMPLE["act"], **changes}}


async def test_the_documented_example_is_evaluated(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json=EXAMPLE)

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == RESPONSE_FIELDS
    assert [c["check"] for c in body["checks"]] == CHECKS
    assert {c["verdict"] for c in body["checks"]} == {"pass"}
    assert body["checks"][4]["basis"] == "行政诉讼法第四十六条第一款"
    deadline = (body["filing_deadline"], body["deadline_provisional"], body["missing_calendar_years"])
    assert deadline == ("2026-03-10", False, [])
    assert (body["court_level"], body["mediable"], body["route"]) == ("basic", True, "mediation")
    assert (body["reconsideration_first"], body["earliest_filing_date"]) == (False, None)


async def test_a_deadline_in_2027_is_provisional(client: httpx.AsyncClient) -> None:
    body = with_act(made_date="2026-09-08", served_date="2026-09-10", known_date="2026-09-10")
    body.update(filed_date=None, as_of="2026-10-01")

    response = await client.post(URL, json=body)

    assert response.status_code == 200, response.text
    result = response.json()
    assert result["filing_deadline"] == "2027-03-10"
    assert result["deadline_provisional"] is True
    assert result["missing_calendar_years"] == [2027]
    assert "2027年" in result["checks"][4]["explanation"]


async def test_reconsideration_first_routes_to_reconsideration(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json=with_act(on_the_spot=True, amount_yuan=200))

    result = response.json()
    assert result["reconsideration_first"] is True
    assert result["route"] == "reconsideration"
    assert result["checks"][5]["verdict"] == "fail"


async def test_bad_input_is_a_problem_naming_the_field(client: httpx.AsyncClient) -> None:
    body = {**EXAMPLE, "reconsideration": {"applied": True, "extended_days": 45}}

    response = await client.post(URL, json=body)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert [e["field"] for e in problem["errors"]] == ["reconsideration.extended_days"]
    assert "reconsideration.extended_days" in problem["detail"]


async def test_an_unknown_field_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json=with_act(made_on="2025-09-08"))

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "act.made_on"


async def test_without_as_of_the_district_s_date_is_used(client: httpx.AsyncClient) -> None:
    app = client._transport.app  # type: ignore[attr-defined]
    app.dependency_overrides[get_clock] = lambda: datetime(2026, 3, 10, 17, 30, tzinfo=UTC)  # 01:30 on 03-11 in CST
    body = {key: value for key, value in EXAMPLE.items() if key not in {"as_of", "filed_date"}}

    limitation = (await client.post(URL, json=body)).json()["checks"][4]

    assert limitation["verdict"] == "fail"  # the deadline 2026-03-10 has passed in Wujiagang
    assert "按2026-03-11起诉" in limitation["explanation"]


async def test_nothing_is_stored(client: httpx.AsyncClient) -> None:
    await client.post(URL, json=EXAMPLE)

    ctx = client._transport.app.state.ctx  # type: ignore[attr-defined]
    async with ctx.sessions() as session:
        staged = (await session.execute(select(func.count()).select_from(ctx.tables.outbox))).scalar_one()
    assert staged == 0


async def test_the_openapi_documents_the_body_with_an_example(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    request = schema["components"]["schemas"]["FilingCheckRequest"]
    assert request["examples"] == [EXAMPLE]
    assert schema["components"]["schemas"]["ActIn"]["properties"]["known_date"]["description"]
    assert URL in schema["paths"]


async def test_a_prior_case_number_out_of_format_is_refused_naming_the_field(client: httpx.AsyncClient) -> None:
    prior = {"case_no": "前案案号不详", "same_parties": True, "same_subject": True,
             "same_or_included_claims": True, "outcome": "judgment"}  # fmt: skip

    response = await client.post(URL, json={**EXAMPLE, "prior_cases": [prior]})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "prior_cases.0.case_no"


async def test_a_prior_judgment_on_the_same_claims_is_flagged(client: httpx.AsyncClient) -> None:
    prior = {"case_no": "（2025） 鄂0503行初1号", "same_parties": True, "same_subject": True,
             "same_or_included_claims": True, "outcome": "judgment"}  # fmt: skip

    response = await client.post(URL, json={**EXAMPLE, "prior_cases": [prior]})

    assert response.status_code == 200, response.text
    other_bars = next(c for c in response.json()["checks"] if c["check"] == "other_bars")
    assert other_bars["verdict"] == "fail" and "（2025）鄂0503行初1号" in other_bars["explanation"]
