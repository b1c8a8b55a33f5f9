"""The mediation case through the HTTP API, on SQLite and on PostgreSQL: agreement and its documents,
obligations and the sweep, endings, risk, follow-ups, people and sessions, subsidies, restriction."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import select

from adr_mediation.spec import SPEC
from adr_runtime.api_deps import get_clock
from adr_runtime.auth import Role
from adr_runtime.context import ServiceContext
from adr_runtime.documents import docx_text, pdf_text
from adr_runtime.testing.service import api_client, service_context, signed_in_as

from ..builders import FIRST_RECEIVED_ON, T0, open_case

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3")]

BASE = "/api/v1/mediation-cases"
DRAFT = {"drafted_on": "2026-12-08", "terms": "双方同意以退还罚款方式化解争议。", "confirmation_requested": True,
         "obligations": [{"obligor_kind": "agency", "agency_code": "WJG-SCJ", "description": "退还罚款",
                          "amount_fen": 1500000, "due_on": "2026-12-31"}]}
SIGNED = {"signatures": [{"role": "applicant", "name": "张三", "signed_on": "2026-12-09"},
                         {"role": "agency", "name": "李四", "signed_on": "2026-12-10"},
                         {"role": "mediator", "name": "王五", "signed_on": "2026-12-10"}]}
FAILURE = {"failed_on": "2026-12-20", "reason": "no_agreement", "next_route": "filing"}


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


def client_at(ctx: ServiceContext, now: Any = T0, **kwargs: Any) -> httpx.AsyncClient:
    client = api_client(ctx, **kwargs)
    client._transport.app.dependency_overrides[get_clock] = lambda: now  # type: ignore[attr-defined]
    return client


@pytest.fixture
async def client(ctx: ServiceContext) -> AsyncIterator[httpx.AsyncClient]:
    async with client_at(ctx) as http:
        yield http


async def outbox(ctx: ServiceContext) -> list[dict[str, Any]]:
    """The envelopes committed for publication, in outbox order."""
    async with ctx.sessions() as session:
        rows = (await session.execute(select(ctx.tables.outbox.c.envelope).order_by(ctx.tables.outbox.c.seq))).all()
    return [row.envelope for row in rows]


async def types(ctx: ServiceContext) -> list[str]:
    return [e["type"].removeprefix("adr.mediation.") for e in await outbox(ctx)]


async def signed_case(ctx: ServiceContext, http: httpx.AsyncClient) -> tuple[UUID, dict[str, Any]]:
    mediation_case_id = await open_case(ctx)
    assert (await http.put(f"{BASE}/{mediation_case_id}/agreement", json=DRAFT)).status_code == 200
    body = (await http.post(f"{BASE}/{mediation_case_id}/agreement/signatures", json=SIGNED)).json()
    return mediation_case_id, body


async def test_an_opened_case_is_shown_with_its_period(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id = await open_case(ctx)

    response = await client.get(f"{BASE}/{mediation_case_id}")

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["stage"], body["version"]) == ("opened", "pre_litigation", 0)
    assert (body["opened_on"], body["period_ends_on"]) == ("2026-11-30", "2026-12-30")
    assert body["period_warning"] == "running"
    assert body["first_received_on"] == FIRST_RECEIVED_ON.isoformat()
    assert body["agreement"] is None and body["failure"] is None


async def test_an_unknown_case_is_not_found(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASE}/{uuid4()}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_the_period_is_extended_by_consent(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id = await open_case(ctx)
    url = f"{BASE}/{mediation_case_id}/period-extension"

    refused = await client.post(url, json={"extra_days": 15, "consented_on": "2026-12-20", "parties_consent": False})
    extended = await client.post(url, json={"extra_days": 15, "consented_on": "2026-12-20", "parties_consent": True})

    assert refused.status_code == 422 and "同意" in refused.json()["detail"]
    assert extended.json()["period_ends_on"] >= "2027-01-14" and extended.json()["extended_days"] == 15


@pytest.mark.clause("W2", "W3")
async def test_the_agreement_takes_effect_on_signature_and_its_documents_read_back(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    mediation_case_id, body = await signed_case(ctx, client)

    docx = await client.get(f"{BASE}/{mediation_case_id}/agreement.docx")
    pdf = await client.get(f"{BASE}/{mediation_case_id}/agreement.pdf")

    assert (body["status"], body["agreement"]["agreed_on"], body["agreement"]["total_amount_fen"]) == (
        "performing", "2026-12-10", 1500000)
    assert await types(ctx) == ["case.opened.v1", "case.agreement_reached.v1"]
    assert docx.status_code == 200 and pdf.status_code == 200
    for text in (docx_text(docx.content), pdf_text(pdf.content)):
        assert "和解协议书" in text and "退还罚款" in text and "15000.00" in text and "张三" in text
        assert "WJG-2026-000001" in text and "司法确认" in text


@pytest.mark.clause("W3")
async def test_confirmation_is_requested_once(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id, body = await signed_case(ctx, client)
    url = f"{BASE}/{mediation_case_id}/agreement/confirmation-request"

    first = await client.post(url, json={"requested_on": "2026-12-11"})
    again = await client.post(url, json={"requested_on": "2026-12-12"})

    assert first.status_code == 200 and again.status_code == 409
    requested = (await outbox(ctx))[-1]
    assert requested["type"] == "adr.mediation.agreement.confirmation_requested.v1"
    assert requested["data"]["agreement_id"] == body["agreement"]["agreement_id"]
    assert requested["data"]["agency_codes"] == ["WJG-SCJ"]


async def test_no_documents_without_an_agreement(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id = await open_case(ctx)

    assert (await client.get(f"{BASE}/{mediation_case_id}/agreement.pdf")).status_code == 404


@pytest.mark.clause("W4", "M10")
async def test_the_sweep_escalates_an_overdue_obligation_once_and_lists_reminders(ctx: ServiceContext) -> None:
    async with client_at(ctx) as http:
        mediation_case_id, _ = await signed_case(ctx, http)
    async with client_at(ctx, now=datetime(2026, 12, 29, 9, tzinfo=UTC)) as http:
        soon = (await http.post("/api/v1/obligations/sweep")).json()
    async with client_at(ctx, now=datetime(2027, 1, 2, 9, tzinfo=UTC)) as http:
        first = (await http.post("/api/v1/obligations/sweep")).json()
        second = (await http.post("/api/v1/obligations/sweep")).json()
        case_id = (await http.get(f"{BASE}/{mediation_case_id}")).json()["case_id"]

    assert soon["overdue_published"] == 0 and len(soon["reminders"]) == 1
    assert (first["overdue_published"], second["overdue_published"]) == (1, 0)
    overdue = [e for e in await outbox(ctx) if e["type"] == "adr.mediation.obligation.overdue.v1"]
    assert len(overdue) == 1 and overdue[0]["data"]["agency_code"] == "WJG-SCJ"
    assert overdue[0]["subject"] == case_id


@pytest.mark.clause("W4")
async def test_fulfilment_then_closing_as_performed(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id, body = await signed_case(ctx, client)
    obligation_id = body["agreement"]["obligations"][0]["obligation_id"]

    early = await client.post(f"{BASE}/{mediation_case_id}/closing", json={"closed_on": "2026-12-20"})
    done = await client.post(f"{BASE}/{mediation_case_id}/obligations/{obligation_id}/fulfilment",
                             json={"fulfilled_on": "2026-12-18", "evidence_note": "转账回单 2026-1218"})
    closed = await client.post(f"{BASE}/{mediation_case_id}/closing", json={"closed_on": "2026-12-20"})

    assert early.status_code == 409 and early.json()["type"] == "/problems/ObligationsOutstanding"
    assert done.json()["agreement"]["obligations"][0]["evidence_note"] == "转账回单 2026-1218"
    assert closed.json()["status"] == "closed"
    assert (await types(ctx))[-2:] == ["obligation.fulfilled.v1", "case.closed.v1"]
    assert (await outbox(ctx))[-1]["data"]["outcome"] == "agreement_performed"


@pytest.mark.clause("M6", "M10")
async def test_self_correction_closes_and_a_broken_promise_reopens(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    mediation_case_id = await open_case(ctx)

    corrected = await client.post(f"{BASE}/{mediation_case_id}/self-correction",
                                  json={"corrected_on": "2026-12-05", "note": "机关撤销原处罚决定"})
    visit = await client.post(f"{BASE}/{mediation_case_id}/follow-ups",
                              json={"visited_on": "2027-01-10", "outcome": "promise_broken", "note": "未兑现"})

    assert corrected.json()["closing_outcome"] == "self_corrected"
    assert visit.json() == {"reopened": True}
    assert (await client.get(f"{BASE}/{mediation_case_id}")).json()["status"] == "reopened"
    assert (await outbox(ctx))[-1]["data"]["reopened"] is True


@pytest.mark.clause("W3", "A2")
@pytest.mark.parametrize(("first", "second"), [("withdrawal", "failure"), ("failure", "withdrawal"),
                                               ("failure", "failure")])
async def test_an_ended_case_cannot_end_again(
    ctx: ServiceContext, client: httpx.AsyncClient, first: str, second: str
) -> None:
    mediation_case_id = await open_case(ctx)
    bodies = {"withdrawal": {"withdrawn_on": "2026-12-05"}, "failure": FAILURE}
    assert (await client.post(f"{BASE}/{mediation_case_id}/{first}", json=bodies[first])).status_code == 200

    response = await client.post(f"{BASE}/{mediation_case_id}/{second}", json=bodies[second])

    assert response.status_code == 409
    assert response.json()["type"] == "/problems/InvalidTransition"
    assert len(await outbox(ctx)) == 2


@pytest.mark.clause("A2")
async def test_failure_commits_mediation_failed_keeping_the_date_first_received(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    mediation_case_id = await open_case(ctx)

    response = await client.post(f"{BASE}/{mediation_case_id}/failure", json=FAILURE)
    wrong = await client.post(f"{BASE}/{await open_case(ctx)}/failure", json={**FAILURE, "next_route": "nowhere"})

    assert response.json()["failure"] == FAILURE
    failed = [e for e in await outbox(ctx) if e["type"] == "adr.mediation.case.failed.v1"][0]
    assert failed["data"]["first_received_on"] == FIRST_RECEIVED_ON.isoformat()
    assert wrong.status_code == 422 and [e["field"] for e in wrong.json()["errors"]] == ["next_route"]


@pytest.mark.clause("W5", "A3")
async def test_a_high_risk_is_an_alert_committed_at_once(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id = await open_case(ctx)

    high = await client.post(f"{BASE}/{mediation_case_id}/risks", json={
        "kind": "stability", "factor_codes": ["many_parties", "expropriation"], "reasons": "征收涉及 30 户",
        "measures": ["安排专人稳控"], "assessed_on": "2026-12-01"})
    measure = await client.post(f"{BASE}/{mediation_case_id}/risks/{high.json()['risk_id']}/measures",
                                json={"measure": "通知街道参与化解"})
    unknown = await client.post(f"{BASE}/{mediation_case_id}/risks", json={
        "kind": "petition", "factor_codes": ["astrology"], "reasons": "x", "assessed_on": "2026-12-01"})

    assert high.json()["level"] == "high" and measure.status_code == 204 and unknown.status_code == 422
    assessed = (await outbox(ctx))[-1]
    assert assessed["type"] == "adr.mediation.case.risk_assessed.v1" and assessed["data"]["level"] == "high"
    async with ctx.sessions() as session:
        actions = (await session.execute(select(ctx.tables.case_history.c.action))).scalars().all()
    assert "mediation.risk.alert" in actions and "mediation.risk.measure" in actions


async def person(http: httpx.AsyncClient, name: str, kind: str, **more: Any) -> str:
    response = await http.post("/api/v1/people", json={"name": name, "kind": kind, **more})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@pytest.mark.clause("C4", "J2", "J3", "R1")
async def test_assignment_refuses_a_conflict_of_interest(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    mediation_case_id = await open_case(ctx)
    mediator = await person(client, "王调解", "peoples_mediator", username="wang.med")
    insider = await person(client, "市场局干部", "agency_staff", agency_code="WJG-SCJ")
    declared = await person(client, "赵律师", "lawyer", legal_aid=True, declared_conflicts=["WJG-SCJ"])
    url = f"{BASE}/{mediation_case_id}/assignments"

    ok = await client.post(url, json={"person_id": mediator, "role": "lead"})
    refused = await client.post(url, json={"person_id": insider, "role": "co"})
    handler = await client.post(url, json={"person_id": insider, "role": "handler"})
    conflict = await client.post(url, json={"person_id": declared, "role": "co"})

    assert ok.status_code == 204 and handler.status_code == 204
    assert refused.status_code == 409 and "回避" in refused.json()["detail"]
    assert conflict.status_code == 409 and refused.json()["type"] == "/problems/ConflictOfInterest"


@pytest.mark.clause("C3", "C4", "W2")
async def test_sessions_never_double_book_and_a_held_session_starts_the_mediation(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    first_case, second_case = await open_case(ctx), await open_case(ctx)
    mediator = await person(client, "王调解", "peoples_mediator")
    deputy = await person(client, "人大代表甲", "npc_deputy")
    slot = {"starts_at": "2026-12-03T09:00:00+08:00", "ends_at": "2026-12-03T11:00:00+08:00", "place": "中心三号调解室"}

    booked = await client.post(f"{BASE}/{first_case}/sessions", json={**slot, "person_ids": [mediator, deputy]})
    clash = await client.post(f"{BASE}/{second_case}/sessions", json={
        **slot, "starts_at": "2026-12-03T10:30:00+08:00", "ends_at": "2026-12-03T12:00:00+08:00",
        "person_ids": [deputy]})
    after = await client.post(f"{BASE}/{second_case}/sessions", json={
        **slot, "starts_at": "2026-12-03T11:00:00+08:00", "ends_at": "2026-12-03T12:00:00+08:00",
        "person_ids": [deputy]})
    session_id = booked.json()["id"]
    notice = await client.post(f"{BASE}/{first_case}/head-notices",
                               json={"agency_code": "WJG-SCJ", "session_id": session_id, "sent_on": "2026-12-01"})
    ack = await client.post(f"{BASE}/{first_case}/head-notices/{notice.json()['id']}",
                            json={"action": "acknowledge", "on": "2026-12-02"})
    held = await client.post(f"{BASE}/{first_case}/sessions/{session_id}/record",
                             json={"attended": {mediator: True, deputy: False}, "minutes": "双方陈述意见"})
    plan = await client.post(f"{BASE}/{first_case}/plans", json={"content": "第一版方案"})

    assert booked.status_code == 201 and after.status_code == 201
    assert clash.status_code == 409 and clash.json()["type"] == "/problems/DoubleBooked"
    assert notice.status_code == 201 and ack.status_code == 204 and held.status_code == 204
    assert plan.json() == {"version": 1}
    assert (await client.get(f"{BASE}/{first_case}")).json()["status"] == "in_session"


@pytest.mark.clause("R4")
async def test_subsidies_come_from_closed_cases_and_an_administrator_approves(ctx: ServiceContext) -> None:
    async with client_at(ctx) as http:
        empty = await http.post("/api/v1/subsidy-batches", json={"period": "2026-12"})
        mediation_case_id, body = await signed_case(ctx, http)
        mediator = await person(http, "王调解", "peoples_mediator")
        await http.post(f"{BASE}/{mediation_case_id}/assignments", json={"person_id": mediator, "role": "lead"})
        obligation_id = body["agreement"]["obligations"][0]["obligation_id"]
        await http.post(f"{BASE}/{mediation_case_id}/obligations/{obligation_id}/fulfilment",
                        json={"fulfilled_on": "2026-12-18", "evidence_note": "回单"})
        await http.post(f"{BASE}/{mediation_case_id}/closing", json={"closed_on": "2026-12-20"})
        batch = await http.post("/api/v1/subsidy-batches", json={"period": "2026-12"})
    async with client_at(ctx, principal=signed_in_as(Role.CENTRE_STAFF)) as http:
        refused = await http.post(f"/api/v1/subsidy-batches/{batch.json()['id']}/approval")
    async with client_at(ctx) as http:
        approved = await http.post(f"/api/v1/subsidy-batches/{batch.json()['id']}/approval")
        twice = await http.post(f"/api/v1/subsidy-batches/{batch.json()['id']}/approval")
        again = await http.post("/api/v1/subsidy-batches", json={"period": "2026-12"})

    assert empty.status_code == 422 and empty.json()["type"] == "/problems/NoSubsidyFacts"
    assert refused.status_code == 403 and twice.status_code == 409
    assert approved.json()["status"] == "approved" and approved.json()["total_fen"] == 15000
    assert again.status_code == 422  # one subsidy per case
    event = (await outbox(ctx))[-1]
    assert event["type"] == "adr.mediation.subsidy.batch_approved.v1"
    assert event["data"]["lines"] == [{"mediator_id": mediator, "mediation_case_id": str(mediation_case_id),
                                       "basis_code": "agreement_performed.ordinary", "amount_fen": 15000}]


@pytest.mark.clause("O3")
async def test_a_restricted_case_is_seen_only_by_the_people_it_names(ctx: ServiceContext) -> None:
    mediation_case_id = await open_case(ctx, restricted_to=("li.mediator",))
    named = signed_in_as(Role.MEDIATOR, subject="li.mediator")
    other = signed_in_as(Role.MEDIATOR, subject="zhou.mediator")

    async with client_at(ctx, principal=named) as http:
        seen = await http.get(f"{BASE}/{mediation_case_id}")
        listed = await http.get(BASE)
    async with client_at(ctx, principal=other) as http:
        hidden = await http.get(f"{BASE}/{mediation_case_id}")
        doc = await http.get(f"{BASE}/{mediation_case_id}/agreement.pdf")
        page = await http.get(f"/cases/{mediation_case_id}", headers={"Accept": "text/html"})
        not_listed = await http.get(BASE)
    async with client_at(ctx) as http:
        admin = await http.get(f"{BASE}/{mediation_case_id}")

    assert seen.status_code == 200 and seen.json()["restricted"] and listed.json()["total"] == 1
    assert (hidden.status_code, doc.status_code, page.status_code) == (403, 403, 403)
    assert not_listed.json()["total"] == 0 and admin.status_code == 200
