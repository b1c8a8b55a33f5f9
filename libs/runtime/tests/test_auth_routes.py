"""The /auth pages: sign-in form, sign-in, lockout, redirects, sign-out, case visibility; SQLite and PostgreSQL."""

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from pydantic import SecretStr

from adr_runtime.auth import CurrentPrincipal, Role, ensure_can_see_case, install_auth, record_personal_data_read
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.routes import local_path
from adr_runtime.auth.settings import AuthSettings
from adr_runtime.auth.testkit import PASSWORD, add_account, audit_trail, scratch_gate, session_csrf_token, sign_in_form
from adr_runtime.problems import PROBLEM_JSON, install_problem_handlers

pytestmark = [pytest.mark.integration, pytest.mark.clause("O2")]

CASES: dict[str, dict[str, Any]] = {
    "c-scj": {"agency_codes": ["WJG-SCJ"], "restricted_to": [], "applicants": ["张三"]},
    "c-zjj": {"agency_codes": ["WJG-ZJJ"], "restricted_to": [], "applicants": ["李四"]},
}


def build_app(gate: AuthGate) -> FastAPI:
    """A service app as create_service_app builds it, with a board and case pages."""
    app = FastAPI()
    install_problem_handlers(app, {})
    install_auth(app, gate)

    @app.get("/cases/{case_id}")
    async def case_detail(case_id: str, principal: CurrentPrincipal, request: Request) -> dict[str, Any]:
        case = CASES[case_id]
        await ensure_can_see_case(
            request, principal, case_id=case_id, agency_codes=case["agency_codes"], restricted_to=case["restricted_to"]
        )
        await record_personal_data_read(request, principal, target=case_id, fields=["applicants"])
        return {"case_id": case_id, "applicants": case["applicants"]}

    @app.get("/board")
    async def board(principal: CurrentPrincipal) -> dict[str, str]:
        return {"by": principal.actor}

    return app


@pytest.fixture
async def gate(database_url: str) -> AsyncIterator[AuthGate]:
    async with scratch_gate(database_url) as gate:
        gate.title = "区行政争议化解中心"
        await add_account(gate, "li.mediator", Role.MEDIATOR)
        await add_account(gate, "zhao.liaison", Role.AGENCY_LIAISON, agency_code="WJG-SCJ")
        yield gate


@pytest.fixture
async def client(gate: AuthGate) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(gate)), base_url="http://test") as http:
        yield http


def page_token(page: httpx.Response) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match is not None
    return match.group(1)


async def test_the_sign_in_page_is_a_chinese_form_with_a_token(client: httpx.AsyncClient, gate: AuthGate) -> None:
    page = await client.get("/auth/login")

    assert page.status_code == 200
    assert "区行政争议化解中心" in page.text and "用户名" in page.text and "密码" in page.text
    assert client.cookies.get(gate.login_cookie) == page_token(page)
    assert page.headers["cache-control"] == "no-store"


async def test_signing_in_redirects_to_next_and_sets_an_http_only_session_cookie(
    client: httpx.AsyncClient, gate: AuthGate
) -> None:
    response = await sign_in_form(client, "li.mediator", next_path="/board?tab=open")

    assert response.status_code == 303
    assert response.headers["location"] == "/board?tab=open"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(gate.session_cookie))
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    me = await client.get("/auth/me")
    assert me.json()["subject"] == "li.mediator"
    assert me.json()["roles"] == [{"code": "mediator", "label": "调解员"}]
    assert ("sign_in", "staff:li.mediator", "li.mediator") in await audit_trail(gate)


async def test_each_sign_in_issues_a_new_session(client: httpx.AsyncClient, gate: AuthGate) -> None:
    await sign_in_form(client, "li.mediator")
    first, first_token = client.cookies.get(gate.session_cookie), session_csrf_token(client, gate)
    await sign_in_form(client, "li.mediator")

    assert client.cookies.get(gate.session_cookie) != first
    assert session_csrf_token(client, gate) != first_token


async def test_wrong_password_and_unknown_user_get_the_same_page(client: httpx.AsyncClient) -> None:
    wrong = await sign_in_form(client, "li.mediator", "wrong password")
    unknown = await sign_in_form(client, "nobody.here", "wrong password")

    assert wrong.status_code == unknown.status_code == 401
    assert "用户名或密码错误" in wrong.text
    assert wrong.text.replace("li.mediator", "nobody.here") == unknown.text


async def test_a_locked_account_gets_423(client: httpx.AsyncClient) -> None:
    for _ in range(4):
        assert (await sign_in_form(client, "li.mediator", "wrong password")).status_code == 401

    locked = await sign_in_form(client, "li.mediator", "wrong password")
    right_password = await sign_in_form(client, "li.mediator")

    assert locked.status_code == right_password.status_code == 423
    assert "锁定" in right_password.text
    assert (await client.get("/auth/me")).status_code == 401


async def test_sign_in_without_the_form_token_is_refused(client: httpx.AsyncClient, gate: AuthGate) -> None:
    await client.get("/auth/login")
    data = {"username": "li.mediator", "password": PASSWORD, "csrf_token": "forged", "next": "/"}

    response = await client.post("/auth/login", data=data)

    assert response.status_code == 403
    assert gate.session_cookie not in client.cookies
    assert await audit_trail(gate) == []  # the password was never checked


@pytest.mark.parametrize(
    "next_path", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "/\t/evil.example", "javascript:x"]
)
async def test_sign_in_never_redirects_off_site(client: httpx.AsyncClient, next_path: str) -> None:
    response = await sign_in_form(client, "li.mediator", next_path=next_path)

    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_local_paths_are_kept() -> None:
    assert local_path("/cases/42?tab=history#notes", "/") == "/cases/42?tab=history#notes"
    assert local_path("", "/home") == "/home"


async def test_a_browser_without_a_session_is_sent_to_the_sign_in_page(client: httpx.AsyncClient) -> None:
    response = await client.get("/board", params={"tab": "open"}, headers={"Accept": "text/html"})

    assert response.status_code == 303
    assert response.headers["location"] == "/auth/login?next=%2Fboard%3Ftab%3Dopen"


async def test_sign_out_needs_the_token_then_ends_the_session(client: httpx.AsyncClient, gate: AuthGate) -> None:
    await sign_in_form(client, "li.mediator")

    refused = await client.post("/auth/logout")
    done = await client.post("/auth/logout", headers={"X-CSRF-Token": session_csrf_token(client, gate)})

    assert refused.status_code == 403
    assert done.status_code == 303 and done.headers["location"] == "/auth/login"
    assert (await client.get("/auth/me")).status_code == 401
    assert (await audit_trail(gate))[-1] == ("sign_out", "staff:li.mediator", "li.mediator")


async def test_production_cookies_are_secure(database_url: str) -> None:
    settings = AuthSettings(session_secret=SecretStr("p" * 40))
    async with scratch_gate(database_url, settings, env="prod") as gate:
        await add_account(gate, "li.mediator", Role.MEDIATOR)
        transport = httpx.ASGITransport(app=build_app(gate))
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
            response = await sign_in_form(http, "li.mediator")

    assert response.status_code == 303
    assert all("secure" in cookie.lower() for cookie in response.headers.get_list("set-cookie"))


@pytest.mark.clause("O3")
async def test_a_liaison_reads_own_agency_cases_and_is_denied_others(client: httpx.AsyncClient, gate: AuthGate) -> None:
    await sign_in_form(client, "zhao.liaison")

    own = await client.get("/cases/c-scj")
    other = await client.get("/cases/c-zjj")

    assert own.status_code == 200 and own.json()["applicants"] == ["张三"]
    assert other.status_code == 403 and other.headers["content-type"] == PROBLEM_JSON
    assert "李四" not in other.text
    assert (await audit_trail(gate))[-2:] == [
        ("personal_data_read", "staff:zhao.liaison", "c-scj"),
        ("permission_denied", "staff:zhao.liaison", "c-zjj"),
    ]
