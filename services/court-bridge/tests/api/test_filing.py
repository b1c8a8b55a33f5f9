"""Filing from the queue and pre-filing delegation (M3, K1), on SQLite and PostgreSQL."""

from datetime import date
from uuid import UUID, uuid4

import httpx
import pytest

from adr_court_bridge.spec import SPEC
from adr_runtime.api_deps import get_clock
from adr_runtime.context import ServiceContext

from ..builders import DELEGATION, FIRST_RECEIVED, T0, an_envelope, deliver, failed, outbox_events, routed

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3", "K1")]


@pytest.fixture(autouse=True)
def fixed_clock(client: httpx.AsyncClient) -> None:
    app = client._transport.app  # type: ignore[attr-defined]
    app.dependency_overrides[get_clock] = lambda: T0


async def test_a_queued_dispute_is_filed_with_a_number_and_its_date_first_received(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    envelope = an_envelope(routed())
    await deliver(ctx, envelope)

    response = await client.post(f"/api/v1/filing-queue/{envelope.case_id}/filing", json={"filed_on": "2026-11-23"})

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["court_case_no"] == "（2026）鄂0503行初1号"
    assert body["first_received_on"] == FIRST_RECEIVED.isoformat()
    [filed] = await outbox_events(ctx, "adr.court.case.filed.v1")
    assert filed["data"]["first_received_on"] == FIRST_RECEIVED.isoformat()
    assert filed["data"]["after_mediation"] is False
    assert filed["subject"] == str(envelope.case_id)
    queue = (await client.get(f"/api/v1/filing-queue/{envelope.case_id}")).json()
    assert queue["status"] == "filed"


async def test_serials_run_per_year_and_filing_twice_is_refused(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    first, second = an_envelope(routed()), an_envelope(routed())
    await deliver(ctx, first, second)

    numbers = [
        (await client.post(f"/api/v1/filing-queue/{e.case_id}/filing", json={})).json()["court_case_no"]
        for e in (first, second)
    ]
    again = await client.post(f"/api/v1/filing-queue/{first.case_id}/filing", json={})

    assert numbers == ["（2026）鄂0503行初1号", "（2026）鄂0503行初2号"]
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/AlreadyFiled"
    assert len(await outbox_events(ctx, "adr.court.case.filed.v1")) == 2


async def test_filing_an_unknown_dispute_is_404(client: httpx.AsyncClient) -> None:
    response = await client.post(f"/api/v1/filing-queue/{uuid4()}/filing", json={})

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_delegation_gets_a_pre_litigation_number_and_is_published_for_intake(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    response = await client.post("/api/v1/delegations", json=DELEGATION)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["delegation_no"] == "（2026）鄂0503行诉前调1号"
    assert body["applicant_count"] == 1 and "applicants" not in body
    [event] = await outbox_events(ctx, "adr.court.dispute.delegated.v1")
    assert event["subject"] == body["case_id"]
    assert event["data"]["consent"] is True and event["data"]["applicants"][0]["name"] == "张三"


async def test_delegation_without_consent_is_refused(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/delegations", json={**DELEGATION, "consent": False})

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/ConsentRequired"
    assert "同意" in response.json()["detail"]
    assert await outbox_events(ctx, "adr.court.dispute.delegated.v1") == []


async def test_bad_delegation_input_names_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/delegations", json={**DELEGATION, "applicants": []})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "applicants"


@pytest.mark.clause("M3", "K1", "A2")
async def test_a_delegation_that_returns_as_a_failed_mediation_is_filed_at_once(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = UUID((await client.post("/api/v1/delegations", json=DELEGATION)).json()["case_id"])

    # mediation fails 40 days later; its event carries a later first-received date than the court's own
    await deliver(ctx, an_envelope(failed(first_received_on=date(2026, 11, 20)), case_id=case_id))

    filed = (await client.get(f"/api/v1/cases/{case_id}/filing")).json()
    assert filed["court_case_no"] == "（2026）鄂0503行初1号"
    assert filed["first_received_on"] == "2026-11-02"
    assert filed["after_mediation"] is True
    assert filed["filed_on"] == "2026-12-18"
    [event] = await outbox_events(ctx, "adr.court.case.filed.v1")
    assert event["data"]["after_mediation"] is True and event["data"]["first_received_on"] == "2026-11-02"


async def test_a_failed_mediation_not_delegated_by_the_court_waits_in_the_queue(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    envelope = an_envelope(failed())
    await deliver(ctx, envelope)

    assert (await client.get(f"/api/v1/filing-queue/{envelope.case_id}")).json()["status"] == "awaiting_filing"
    assert await outbox_events(ctx, "adr.court.case.filed.v1") == []


@pytest.mark.clause("K2")
@pytest.mark.parametrize(
    ("text", "status", "own"),
    [("（2026）鄂0503行初7号", 200, True), ("(2016)鄂01行初511号", 200, False), ("鄂0503行初7号", 422, None)],
)
async def test_case_numbers_are_checked_over_http(
    client: httpx.AsyncClient, text: str, status: int, own: bool | None
) -> None:
    response = await client.get("/api/v1/case-numbers/parse", params={"text": text})

    assert response.status_code == status
    if own is not None:
        assert response.json()["own_court"] is own


def test_spec_is_court_bridge() -> None:
    assert SPEC.name == "court-bridge"
