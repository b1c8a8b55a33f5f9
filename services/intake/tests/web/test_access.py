"""Who may see and change what in intake (O2, O3): roles, an agency liaison's own disputes, CSRF, audit."""

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from adr_intake.spec import SPEC
from adr_runtime.auth import Role
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.testkit import add_account, audit_trail, fast_passwords, sign_in_form
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, migrated_context, signed_in_as

pytestmark = [pytest.mark.integration, pytest.mark.clause("O2", "O3")]

REGISTRATION = {
    "channel": "centre_walk_in",
    "received_on": "2026-11-20",
    "agency_codes": ["WJG-SCJ"],
    "act_type": "penalty",
    "applicants": [{"kind": "natural", "name": "张三"}],
    "claims_summary": "请求撤销罚款决定",
    "mediation_consent": True,
}
FOREIGN_LIAISON = signed_in_as(Role.AGENCY_LIAISON, subject="zhao.zjj", agency_code="WJG-ZJJ")
OWN_LIAISON = signed_in_as(Role.AGENCY_LIAISON, subject="wang.scj", agency_code="WJG-SCJ")


@pytest.fixture
async def ctx(tmp_path: Path) -> AsyncIterator[ServiceContext]:
    context = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}")
    yield context
    await context.engine.dispose()


async def register(ctx: ServiceContext) -> str:
    async with api_client(ctx, principal=signed_in_as(Role.CENTRE_STAFF)) as http:
        response = await http.post("/api/v1/disputes", json=REGISTRATION)
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


def gate_of(http: httpx.AsyncClient) -> AuthGate:
    return http._transport.app.state.auth  # type: ignore[attr-defined,no-any-return]


async def test_a_liaison_of_another_agency_sees_nothing_and_is_refused_with_an_audit(ctx: ServiceContext) -> None:
    case_id = await register(ctx)

    async with api_client(ctx, principal=FOREIGN_LIAISON) as http:
        listed = await http.get("/api/v1/disputes")
        board = await http.get("/board", headers={"Accept": "text/html"})
        api = await http.get(f"/api/v1/disputes/{case_id}")
        history = await http.get(f"/api/v1/disputes/{case_id}/history")
        page = await http.get(f"/disputes/{case_id}", headers={"Accept": "text/html"})
        denials = [row for row in await audit_trail(gate_of(http)) if row[0] == "permission_denied"]

    assert listed.json() == {"items": [], "total": 0, "total_is_estimate": False, "next_cursor": None}
    assert "WJG-2026-000001" not in board.text
    assert api.status_code == history.status_code == 403
    assert api.headers["content-type"] == "application/problem+json"
    assert page.status_code == 403 and "没有权限" in page.text and "WJG-2026-000001" not in page.text
    assert denials == [("permission_denied", "staff:zhao.zjj", case_id)] * 3


async def test_the_own_agencys_liaison_sees_its_dispute_but_may_not_register(ctx: ServiceContext) -> None:
    case_id = await register(ctx)

    async with api_client(ctx, principal=OWN_LIAISON) as http:
        listed = await http.get("/api/v1/disputes")
        shown = await http.get(f"/api/v1/disputes/{case_id}")
        refused = await http.post("/api/v1/disputes", json=REGISTRATION)

    assert listed.json()["total"] == 1 and shown.status_code == 200
    assert refused.status_code == 403


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.PROCURATOR])
async def test_roles_outside_the_policy_are_refused(ctx: ServiceContext, role: Role) -> None:
    async with api_client(ctx, principal=signed_in_as(role)) as http:
        response = await http.get("/api/v1/disputes")

    assert response.status_code == 403


@pytest.mark.clause("R1")
async def test_a_signed_in_clerk_registers_through_the_form_with_its_token_and_is_named(
    ctx: ServiceContext,
) -> None:
    async with api_client(ctx, principal=None) as http:
        gate_of(http).passwords = fast_passwords()
        await add_account(gate_of(http), "li.centre", Role.CENTRE_STAFF)
        redirected = await http.get("/board", headers={"Accept": "text/html"})
        await sign_in_form(http, "li.centre", next_path="/disputes/new")
        form_page = await http.get("/disputes/new")
        tokens = re.findall(r'name="csrf_token" value="([^"]*)"', form_page.text)
        form = {
            "channel": "centre_walk_in",
            "received_on": "2026-11-20",
            "applicant_kind": "natural",
            "applicant_name": "张三",
            "agency_code": "WJG-SCJ",
            "act_type": "penalty",
            "claims_summary": "请求撤销罚款决定",
        }
        forged = await http.post("/disputes/new", data=form)
        registered = await http.post("/disputes/new", data={**form, "csrf_token": tokens[-1]})
        case_id = registered.headers["location"].split("?")[0].rsplit("/", 1)[-1]
        history = await http.get(f"/api/v1/disputes/{case_id}/history")

    assert redirected.status_code == 303 and redirected.headers["location"] == "/auth/login?next=%2Fboard"
    assert len(tokens) == 2 and len(set(tokens)) == 1 and tokens[0]
    assert forged.status_code == 403
    assert registered.status_code == 303
    assert history.json()[0]["actor"] == "staff:li.centre"


@pytest.mark.parametrize(
    "path",
    [
        "/disputes/{case_id}/review",
        "/api/v1/disputes/{case_id}/filing-review",
        "/api/v1/disputes/{case_id}/parties",
    ],
)
async def test_every_route_about_a_case_refuses_a_liaison_of_another_agency(ctx: ServiceContext, path: str) -> None:
    case_id = await register(ctx)

    async with api_client(ctx, principal=FOREIGN_LIAISON) as http:
        response = await http.get(path.format(case_id=case_id), headers={"Accept": "text/html"})

    assert response.status_code == 403


async def test_staff_not_named_on_a_restricted_dispute_cannot_change_it(ctx: ServiceContext) -> None:
    case_id = await register(ctx)
    async with api_client(ctx, principal=signed_in_as(Role.CENTRE_STAFF, subject="li.named")) as http:
        restricted = await http.post(f"/api/v1/disputes/{case_id}/restriction", json={"restricted_to": ["li.named"]})
    assert restricted.status_code == 200, restricted.text

    async with api_client(ctx, principal=signed_in_as(Role.CENTRE_STAFF, subject="someone.else")) as http:
        routed = await http.post(
            f"/api/v1/disputes/{case_id}/route", json={"route": "filing", "reason_code": "not_mediable"}
        )

    assert routed.status_code == 403


async def test_only_an_administrator_loads_a_holiday_year(ctx: ServiceContext) -> None:
    body = {"source_url": "https://www.gov.cn/", "rows": [{"date": "2027-01-01", "kind": "holiday", "name_zh": "元旦"}]}

    async with api_client(ctx, principal=signed_in_as(Role.CENTRE_STAFF)) as http:
        refused = await http.put("/api/v1/holiday-calendar/2027", json=body)

    assert refused.status_code == 403
