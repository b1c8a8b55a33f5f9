"""The stored filing review through the API, on SQLite and PostgreSQL (M4, M2, M3)."""

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from adr_intake.api.filing_schemas import EXAMPLE
from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

from ..review_builders import A_DISPUTE, CHECKS, NOTICE_2027, QINGMING_2027, a_review, confirm_all, facts_known_on

pytestmark = [pytest.mark.integration, pytest.mark.clause("M4")]

REGISTERED = "adr.intake.dispute.registered.v1"
REVIEWED = "adr.intake.dispute.filing_review_completed.v1"
ROUTED = "adr.intake.dispute.routed.v1"
CONFIRMED_WITH_VERDICT = {"decision": "confirm", "verdict": "fail"}  # a verdict is given only to override


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=database_url)
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


async def registered(client: httpx.AsyncClient) -> str:
    response = await client.post("/api/v1/disputes", json=A_DISPUTE)
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


async def staged(client: httpx.AsyncClient) -> list[tuple[str, dict[str, Any]]]:
    ctx = client._transport.app.state.ctx  # type: ignore[attr-defined]
    outbox = ctx.tables.outbox
    async with ctx.sessions() as session:
        rows = (await session.execute(select(outbox.c.subject, outbox.c.envelope).order_by(outbox.c.seq))).all()
    return [(subject, envelope["data"]) for subject, envelope in rows]


@pytest.mark.clause("M3")
async def test_the_review_is_stored_and_its_events_staged_before_the_route(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    reason = "申请人称已向市中级人民法院起诉，待核实案号"
    body = a_review(confirmations=confirm_all(other_bars={"decision": "override", "verdict": "review",
                                                          "reason": reason, "computed": "pass"}))  # fmt: skip

    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=body)

    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/api/v1/disputes/{case_id}/filing-review"
    stored = (await client.get(f"/api/v1/disputes/{case_id}/filing-review")).json()
    assert stored == response.json()
    assert [c["check"] for c in stored["checks"]] == CHECKS
    other_bars = stored["checks"][-1]
    assert (other_bars["computed_verdict"], other_bars["verdict"], other_bars["overridden"]) == ("pass", "review", True)
    assert other_bars["reason"] == reason and other_bars["basis"] and other_bars["explanation"]
    decided = (stored["suggested_route"], stored["route"], stored["reason_code"])
    assert decided == ("mediation", "mediation", "discretionary_act")
    assert stored["filing_deadline"] == "2026-03-10" and stored["facts"]["act"]["type"] == "penalty"
    events = await staged(client)
    assert [subject for subject, _ in events] == [REGISTERED, REVIEWED, ROUTED]
    review_event, routed_event = events[1][1], events[2][1]
    assert [(c["check"], c["overridden"]) for c in review_event["checks"]][-1] == ("other_bars", True)
    assert review_event["filing_deadline"] == "2026-03-10" and review_event["deadline_provisional"] is False
    assert (review_event["court_level"], review_event["mediable"], review_event["reconsideration_first"]) == (
        "basic",
        True,
        False,
    )
    assert routed_event["route"] == "mediation"
    dispute = (await client.get(f"/api/v1/disputes/{case_id}")).json()
    assert (dispute["stage"], dispute["route"]) == ("routed_to_mediation", "mediation")


async def test_an_override_without_a_reason_is_a_problem_naming_the_field(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    body = a_review(confirmations=confirm_all(limitation={"decision": "override", "verdict": "fail"}))

    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=body)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "confirmations.limitation.reason" and error["message"] == "改判须写明理由"
    assert [subject for subject, _ in await staged(client)] == [REGISTERED]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"confirmations": {c: {"decision": "confirm"} for c in CHECKS if c != "scope"}}, "confirmations.scope"),
        ({"confirmations": confirm_all(claim={"decision": "override", "reason": "x"})}, "confirmations.claim.verdict"),
        ({"confirmations": confirm_all(claim=CONFIRMED_WITH_VERDICT)}, "confirmations.claim.verdict"),
        ({"route": "not_accepted", "reason_code": "out_of_scope"}, "basis"),
        ({"route": "elsewhere"}, "route"),
    ],
)
async def test_incomplete_decisions_are_refused_naming_the_field(
    client: httpx.AsyncClient, changes: dict[str, Any], field: str
) -> None:
    case_id = await registered(client)

    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=a_review(**changes))

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_a_second_review_is_a_conflict(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    url = f"/api/v1/disputes/{case_id}/filing-review"
    assert (await client.post(url, json=a_review())).status_code == 201

    second = await client.post(url, json=a_review(route="filing", reason_code="not_mediable"))

    assert second.status_code == 409
    assert second.json()["type"] == "/problems/AlreadyRouted"
    assert (await client.get(url)).json()["route"] == "mediation"
    assert [subject for subject, _ in await staged(client)] == [REGISTERED, REVIEWED, ROUTED]


async def test_a_dispute_routed_without_review_takes_no_review(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    await client.post(f"/api/v1/disputes/{case_id}/route", json={"route": "filing", "reason_code": "not_mediable"})

    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=a_review())

    assert response.status_code == 409
    assert (await client.get(f"/api/v1/disputes/{case_id}/filing-review")).status_code == 404


async def test_a_verdict_seen_that_no_longer_holds_is_a_conflict(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    body = a_review(confirmations=confirm_all(limitation={"decision": "confirm", "computed": "fail"}))

    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=body)

    assert response.status_code == 409
    assert response.json()["type"] == "/problems/ComputedVerdictChanged"


async def test_not_accepted_rests_on_a_check_decided_failed(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    url = f"/api/v1/disputes/{case_id}/filing-review"
    refusal = {"route": "not_accepted", "reason_code": "out_of_scope", "basis": "行政诉讼法第十三条第一项"}

    without_fail = await client.post(url, json=a_review(**refusal))
    failed_scope = confirm_all(scope={"decision": "override", "verdict": "fail", "reason": "系国防行为"})
    with_fail = await client.post(url, json=a_review(confirmations=failed_scope, **refusal))

    assert without_fail.status_code == 422
    assert without_fail.json()["type"] == "/problems/NotAcceptedWithoutFail"
    assert with_fail.status_code == 201, with_fail.text
    assert (with_fail.json()["route"], with_fail.json()["basis"]) == ("not_accepted", "行政诉讼法第十三条第一项")


@pytest.mark.clause("M2")
async def test_a_reconsideration_first_dispute_is_routed_to_reconsideration(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    facts = {**EXAMPLE, "act": {**EXAMPLE["act"], "on_the_spot": True, "amount_yuan": 200}}
    body = a_review(facts, route="reconsideration", reason_code="reconsideration_first")

    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=body)

    assert response.status_code == 201, response.text
    review = response.json()
    assert review["reconsideration_first"] is True and review["suggested_route"] == "reconsideration"
    assert review["checks"][5]["verdict"] == "fail"
    events = dict(await staged(client))
    assert events[REVIEWED]["reconsideration_first"] is True and events[ROUTED]["route"] == "reconsideration"
    assert (await client.get(f"/api/v1/disputes/{case_id}")).json()["stage"] == "routed_to_reconsideration"


async def test_missing_disputes_and_reviews_are_not_found(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    unknown = "00000000-0000-0000-0000-000000000000"

    assert (await client.get(f"/api/v1/disputes/{case_id}/filing-review")).json()["type"] == (
        "/problems/FilingReviewNotFound"
    )
    assert (await client.get(f"/api/v1/disputes/{unknown}/filing-review")).status_code == 404
    assert (await client.post(f"/api/v1/disputes/{unknown}/filing-review", json=a_review())).status_code == 404


async def test_loading_2027_makes_the_stored_deadline_exact(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    facts = facts_known_on(date(2026, 10, 5), as_of="2026-10-20")  # six months end on Monday 2027-04-05
    notice = {"source_url": NOTICE_2027, "rows": [QINGMING_2027]}
    load = await client.put("/api/v1/holiday-calendar/2027", json=notice)
    assert load.status_code == 200, load.text

    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=a_review(facts))

    review = response.json()
    assert (review["filing_deadline"], review["deadline_provisional"], review["missing_calendar_years"]) == (
        "2027-04-06",
        False,
        [],
    )
    assert dict(await staged(client))[REVIEWED]["deadline_provisional"] is False


async def test_the_documented_example_is_accepted(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    schema = (await client.get("/openapi.json")).json()
    [example] = schema["components"]["schemas"]["FilingReviewRequest"]["examples"]

    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=example)

    assert response.status_code == 201, response.text
    assert "/api/v1/disputes/{case_id}/filing-review" in schema["paths"]
    assert {"/api/v1/holiday-calendar", "/api/v1/holiday-calendar/{year}"} <= set(schema["paths"])


async def test_the_dispute_list_shows_the_reviewed_filing_deadline(client: httpx.AsyncClient) -> None:
    case_id = await registered(client)
    response = await client.post(f"/api/v1/disputes/{case_id}/filing-review", json=a_review())
    assert response.status_code == 201, response.text

    listed = (await client.get("/api/v1/disputes")).json()["items"]

    assert [(d["filing_deadline"], d["deadline_provisional"]) for d in listed] == [("2026-03-10", False)]
