"""CSRF, bearer tokens, tampered cookies and role checks on a service's own routes; SQLite and PostgreSQL."""

from collections.abc import AsyncIterator
from typing import Annotated, Any

import httpx
import pytest
from fastapi import Depends, FastAPI, Form

from adr_runtime.auth import AuthMethod, CurrentPrincipal, Principal, Role, install_auth, require_roles
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.oidc import OidcVerifier, StaticJwks, TokenRules
from adr_runtime.auth.sessions import SessionCodec
from adr_runtime.auth.testkit import (
    AUDIENCE,
    ISSUER,
    add_account,
    audit_trail,
    claims_for,
    jwks,
    rsa_key,
    scratch_gate,
    session_csrf_token,
    sign_in_form,
)
from adr_runtime.problems import PROBLEM_JSON, install_problem_handlers

pytestmark = [pytest.mark.integration, pytest.mark.clause("O2")]

IDP = rsa_key()
Mediator = Annotated[Principal, Depends(require_roles(Role.MEDIATOR, Role.CENTRE_STAFF))]


def build_app(gate: AuthGate) -> FastAPI:
    """A service app as create_service_app builds it, with a form route and a JSON route."""
    app = FastAPI()
    install_problem_handlers(app, {})
    install_auth(app, gate)

    @app.post("/cases/{case_id}/notes")
    async def add_note(case_id: str, principal: Mediator, note: Annotated[str, Form()] = "") -> dict[str, Any]:
        return {"case_id": case_id, "by": principal.actor, "length": len(note)}

    @app.put("/api/settings")
    async def change(principal: CurrentPrincipal, body: dict[str, Any]) -> dict[str, Any]:
        return {"by": principal.actor, **body}

    return app


@pytest.fixture
async def gate(database_url: str) -> AsyncIterator[AuthGate]:
    async with scratch_gate(database_url) as gate:
        gate.verifier = OidcVerifier(TokenRules(issuer=ISSUER, audience=AUDIENCE), keys=StaticJwks(jwks(IDP)))
        await add_account(gate, "li.mediator", Role.MEDIATOR)
        await add_account(gate, "zhao.liaison", Role.AGENCY_LIAISON, agency_code="WJG-SCJ")
        yield gate


@pytest.fixture
async def client(gate: AuthGate) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(gate)), base_url="http://test") as http:
        yield http


async def test_cookie_post_without_csrf_token_is_refused(client: httpx.AsyncClient) -> None:
    await sign_in_form(client, "li.mediator")

    response = await client.post("/cases/c-1/notes", data={"note": "约定下周复谈"})

    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["type"] == "/problems/csrf"


async def test_cookie_requests_with_the_token_pass(client: httpx.AsyncClient, gate: AuthGate) -> None:
    await sign_in_form(client, "li.mediator")
    token = session_csrf_token(client, gate)

    as_field = await client.post("/cases/c-1/notes", data={"note": "约定下周复谈", "csrf_token": token})
    as_header = await client.put("/api/settings", json={"x": 1}, headers={"X-CSRF-Token": token})
    wrong = await client.put("/api/settings", json={"x": 1}, headers={"X-CSRF-Token": token[:-1] + "x"})

    assert as_field.status_code == 200 and as_field.json()["by"] == "staff:li.mediator"
    assert as_header.status_code == 200
    assert wrong.status_code == 403


async def test_bearer_requests_need_no_csrf_token(client: httpx.AsyncClient) -> None:
    token = IDP.sign(claims_for("judge-7", ["mediator"]))

    response = await client.post("/cases/c-1/notes", data={"note": "x"}, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert response.json()["by"] == "oidc:judge-7"


async def test_an_invalid_bearer_token_gets_401_with_a_challenge(client: httpx.AsyncClient) -> None:
    forged = rsa_key().sign(claims_for("judge-7", ["mediator"]))

    response = await client.get("/auth/me", headers={"Authorization": f"Bearer {forged}"})

    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


@pytest.mark.parametrize("spoil", ["flipped", "signed_elsewhere"])
async def test_a_tampered_session_cookie_gets_401(client: httpx.AsyncClient, gate: AuthGate, spoil: str) -> None:
    await sign_in_form(client, "li.mediator")
    value = client.cookies.get(gate.session_cookie) or ""
    promoted = Principal("li.mediator", "李调解", "centre", frozenset({Role.ADMIN}), AuthMethod.PASSWORD)
    spoiled = {
        "flipped": value[:8] + ("A" if value[8] != "A" else "B") + value[9:],
        "signed_elsewhere": SessionCodec("x" * 40, max_age_seconds=600).issue(promoted)[0],
    }[spoil]
    client.cookies.set(gate.session_cookie, spoiled)

    response = await client.get("/auth/me")

    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_require_roles_denies_and_audits(client: httpx.AsyncClient, gate: AuthGate) -> None:
    await sign_in_form(client, "zhao.liaison")

    response = await client.post("/cases/c-9/notes", data={"csrf_token": session_csrf_token(client, gate)})

    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM_JSON
    assert "没有" in response.json()["detail"]
    assert (await audit_trail(gate))[-1] == ("permission_denied", "staff:zhao.liaison", "/cases/c-9/notes")
