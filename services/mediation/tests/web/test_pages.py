"""Mediation's staff pages and its access rules, rendered by the real app (the browser journey is in tests/e2e)."""

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select

from adr_mediation.spec import SPEC
from adr_runtime.api_deps import get_clock
from adr_runtime.auth import Role
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.testkit import add_account, audit_trail, fast_passwords, sign_in_form
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, service_context, signed_in_as

from ..builders import T0, open_case

pytestmark = [pytest.mark.integration, pytest.mark.clause("O2", "O3")]

MEDIATOR = signed_in_as(Role.MEDIATOR)


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


def client_as(ctx: ServiceContext, **kwargs: object) -> httpx.AsyncClient:
    client = api_client(ctx, **kwargs)  # type: ignore[arg-type]
    app = client._transport.app  # type: ignore[attr-defined]
    app.dependency_overrides[get_clock] = lambda: T0
    return client


async def test_my_cases_lists_open_cases_with_days_left(ctx: ServiceContext) -> None:
    mediation_case_id = await open_case(ctx)

    async with client_as(ctx, principal=signed_in_as(Role.CENTRE_STAFF)) as http:
        page = await http.get("/cases")

    assert page.status_code == 200
    assert f'href="/cases/{mediation_case_id}"' in page.text
    assert "2026-12-30" in page.text and "30 天" in page.text  # opened 2026-11-30, T0 that day


@pytest.mark.clause("W3", "W4")
async def test_the_agreement_editor_saves_a_draft_with_its_obligations(ctx: ServiceContext) -> None:
    mediation_case_id = await open_case(ctx)

    async with client_as(ctx, principal=MEDIATOR) as http:
        page = await http.get(f"/cases/{mediation_case_id}")
        editor = await http.get(f"/cases/{mediation_case_id}/agreement")
        form = {"drafted_on": "2026-12-08", "terms": "双方同意化解。", "confirmation_requested": "true",
                "obligor_kind_0": "agency", "agency_code_0": "WJG-SCJ", "description_0": "退还罚款",
                "amount_yuan_0": "15000.50", "due_on_0": "2026-12-31", "description_1": ""}
        saved = await http.post(f"/cases/{mediation_case_id}/agreement", data=form)
        after = await http.get(saved.headers["location"])

    assert page.status_code == 200 and "剩余 30 天" in page.text and "跨机构时间线" in page.text
    assert editor.status_code == 200 and 'name="description_4"' in editor.text
    assert saved.status_code == 303
    assert "协议待签署" in after.text and "15000.50 元" in after.text and "退还罚款" in after.text
    assert "拟定和解协议" in after.text  # on the timeline


async def test_a_liaison_of_another_agency_gets_the_denied_page_and_it_is_audited(ctx: ServiceContext) -> None:
    mediation_case_id = await open_case(ctx)  # agency WJG-SCJ
    liaison = signed_in_as(Role.AGENCY_LIAISON, subject="zhao.zjj", agency_code="WJG-ZJJ")

    async with client_as(ctx, principal=liaison) as http:
        listed = await http.get("/api/v1/mediation-cases")
        page = await http.get(f"/cases/{mediation_case_id}", headers={"Accept": "text/html"})
        api = await http.get(f"/api/v1/mediation-cases/{mediation_case_id}")

    assert listed.json()["total"] == 0
    assert page.status_code == 403 and "没有权限" in page.text and 'lang="zh-CN"' in page.text
    assert api.status_code == 403 and api.headers["content-type"] == "application/problem+json"
    gate: AuthGate = http._transport.app.state.auth  # type: ignore[attr-defined]
    denials = [row for row in await audit_trail(gate) if row[0] == "permission_denied"]
    assert len(denials) == 2 and all(actor == "staff:zhao.zjj" for _, actor, _ in denials)


async def test_a_mediator_sees_own_and_unstaffed_cases_and_records_a_withdrawal(ctx: ServiceContext) -> None:
    """C4: my cases are the ones I am assigned to, plus those nobody mediates yet."""
    mine, theirs, free = await open_case(ctx), await open_case(ctx), await open_case(ctx)
    async with client_as(ctx) as admin:
        me = (await admin.post("/api/v1/people", json={"name": "测试调解员", "kind": "peoples_mediator",
                                                        "username": MEDIATOR.subject})).json()["id"]
        other = (await admin.post("/api/v1/people", json={"name": "周调解", "kind": "peoples_mediator"})).json()["id"]
        await admin.post(f"/api/v1/mediation-cases/{mine}/assignments", json={"person_id": me})
        await admin.post(f"/api/v1/mediation-cases/{theirs}/assignments", json={"person_id": other})

    async with client_as(ctx, principal=MEDIATOR) as http:
        page = await http.get("/cases")
        saved = await http.post(f"/cases/{free}/withdrawal", data={"withdrawn_on": "2026-12-05"})
        after = await http.get(saved.headers["location"])
        calendar = await http.get("/calendar")
        board = await http.get("/obligations")

    assert f"/cases/{mine}" in page.text and f"/cases/{free}" in page.text and f"/cases/{theirs}" not in page.text
    assert saved.status_code == 303 and "撤回申请结案" in after.text
    assert calendar.status_code == 200 and "暂无会谈安排" in calendar.text
    assert board.status_code == 200 and "暂无待履行的义务" in board.text


async def test_the_own_agencys_liaison_sees_the_case_but_may_not_change_it(ctx: ServiceContext) -> None:
    mediation_case_id = await open_case(ctx)
    liaison = signed_in_as(Role.AGENCY_LIAISON, subject="wang.scj", agency_code="WJG-SCJ")

    async with client_as(ctx, principal=liaison) as http:
        listed = await http.get("/api/v1/mediation-cases")
        refused = await http.post(
            f"/api/v1/mediation-cases/{mediation_case_id}/failure",
            json={"failed_on": "2026-12-20", "reason": "no_agreement", "next_route": "filing"},
        )

    assert listed.json()["total"] == 1
    assert refused.status_code == 403


async def test_without_a_session_a_page_goes_to_sign_in_and_the_api_answers_401(ctx: ServiceContext) -> None:
    async with client_as(ctx, principal=None) as http:
        page = await http.get("/cases", headers={"Accept": "text/html"})
        api = await http.get("/api/v1/mediation-cases")
        health = await http.get("/healthz")

    assert page.status_code == 303 and page.headers["location"] == "/auth/login?next=%2Fcases"
    assert api.status_code == 401 and api.headers["content-type"] == "application/problem+json"
    assert health.status_code == 200


@pytest.mark.clause("R1")
async def test_a_signed_in_mediator_needs_the_pages_csrf_token_to_record_a_failure(ctx: ServiceContext) -> None:
    mediation_case_id = await open_case(ctx)
    async with client_as(ctx, principal=None) as http:
        gate: AuthGate = http._transport.app.state.auth  # type: ignore[attr-defined]
        gate.passwords = fast_passwords()
        await add_account(gate, "li.mediator", Role.MEDIATOR)
        signed_in = await sign_in_form(http, "li.mediator", next_path="/cases")
        page = await http.get(f"/cases/{mediation_case_id}")
        tokens = re.findall(r'name="csrf_token" value="([^"]*)"', page.text)
        form = {"failed_on": "2026-12-20", "reason": "no_agreement", "next_route": "filing"}
        forged = await http.post(f"/cases/{mediation_case_id}/failure", data=form)
        saved = await http.post(f"/cases/{mediation_case_id}/failure", data={**form, "csrf_token": tokens[-1]})

    # sign-out, withdrawal and failure forms all carry the session's token
    assert len(tokens) == 3 and len(set(tokens)) == 1 and len(tokens[0]) > 20

    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/cases"
    assert "测试人员（调解员）" in page.text  # the header names the signed-in person and role
    assert forged.status_code == 403
    assert saved.status_code == 303
    history = ctx.tables.case_history
    async with ctx.sessions() as session:
        actors = (await session.execute(select(history.c.actor).order_by(history.c.id))).scalars().all()
    assert actors[-1] == "staff:li.mediator"  # R1: the named person who recorded it
