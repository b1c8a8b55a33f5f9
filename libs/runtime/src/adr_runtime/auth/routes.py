"""The ``/auth`` pages and endpoints: sign-in form, sign-in, sign-out, and who am I."""

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from adr_runtime.auth.accounts import SignInOutcome
from adr_runtime.auth.audit import AuditAction, AuditEntry, Outcome
from adr_runtime.auth.csrf import require_csrf, tokens_match
from adr_runtime.auth.dependencies import CurrentPrincipal, current_session, get_gate
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.roles import Principal
from adr_runtime.auth.sessions import new_token

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
LOGIN_PATH = "/auth/login"
LOGIN_TOKEN_SECONDS = 2 * 3600

MESSAGES = {
    SignInOutcome.REFUSED: "用户名或密码错误。",
    SignInOutcome.LOCKED: "该账户暂时无法登录（连续登录失败已被锁定，或已停用）。请稍后再试，或联系系统管理员。",
}
EXPIRED_FORM = "登录页面已过期，请重新输入后提交。"
STATUS = {SignInOutcome.REFUSED: 401, SignInOutcome.LOCKED: 423}


class RoleView(BaseModel):
    """A role with its Chinese name."""

    code: str
    label: str


class PrincipalView(BaseModel):
    """The signed-in person as ``GET /auth/me`` shows them."""

    subject: str
    display_name: str
    institution: str
    roles: list[RoleView]
    agency_code: str | None
    auth_method: str


def local_path(candidate: str | None, default: str) -> str:
    """``candidate`` if it is a path on this site, else ``default`` (no open redirects)."""
    if not candidate or not candidate.startswith("/") or candidate.startswith("//"):
        return default
    if any(ch == "\\" or ord(ch) < 0x21 or ord(ch) == 0x7F for ch in candidate):
        return default  # browsers drop tabs and newlines and read "\" as "/": "/\t/evil" becomes "//evil"
    parts = urlsplit(candidate)
    return default if parts.scheme or parts.netloc else candidate


def auth_router() -> APIRouter:
    """The ``/auth`` router (the gate on ``app.state.auth`` does the work)."""
    router = APIRouter(prefix="/auth", tags=["sign-in"])
    router.add_api_route("/login", login_page, methods=["GET"], response_class=HTMLResponse, summary="Sign-in form")
    router.add_api_route("/login", login, methods=["POST"], response_class=HTMLResponse, summary="Sign in")
    router.add_api_route("/logout", logout, methods=["POST"], summary="Sign out")
    router.add_api_route("/me", me, methods=["GET"], response_model=PrincipalView, summary="The signed-in person")
    return router


async def login_page(request: Request, next: str = "/") -> Response:
    """The sign-in form (Chinese), with an anti-forgery token."""
    gate = get_gate(request)
    token = request.cookies.get(gate.login_cookie) or new_token()
    return _form(request, gate, token=token, next_path=local_path(next, gate.settings.home_path))


async def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Signs in with a built-in account: 303 to ``next`` (local paths only) with a new session cookie.

    A wrong username or password answers 401 with the form, a locked or disabled account 423,
    a missing or stale form token 403.
    """
    gate = get_gate(request)
    target = local_path(next, gate.settings.home_path)
    expected = request.cookies.get(gate.login_cookie, "")
    if not tokens_match(expected, csrf_token):
        return _form(
            request, gate, token=new_token(), next_path=target, error=EXPIRED_FORM, status=403, username=username
        )
    result = await gate.sign_in(username, password)
    if result.principal is not None:
        return _signed_in(gate, result.principal, target)
    return _form(
        request,
        gate,
        token=expected,
        next_path=target,
        error=MESSAGES[result.outcome],
        status=STATUS[result.outcome],
        username=username,
    )


async def logout(request: Request) -> Response:
    """Ends the session (the form or htmx sends the page's token) and goes back to the sign-in form."""
    gate = get_gate(request)
    session = current_session(request)
    if session is not None:
        await require_csrf(request, session.csrf_token)
        principal = session.principal
        await gate.record(AuditEntry(principal.actor, AuditAction.SIGN_OUT, principal.subject, Outcome.SUCCESS))
    response = RedirectResponse(LOGIN_PATH, status_code=303)
    gate.cookies.clear(response, gate.session_cookie)
    return response


async def me(principal: CurrentPrincipal) -> PrincipalView:
    """Who the session cookie or bearer token identifies, with roles and their Chinese names."""
    return _view(principal)


def _form(request: Request, gate: AuthGate, *, token: str, status: int = 200, **context: Any) -> Response:
    context = {"error": None, "username": "", "title": gate.title, **context, "csrf_token": token}
    response = TEMPLATES.TemplateResponse(request, "login.html", context, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    gate.cookies.set(response, gate.login_cookie, token, max_age=LOGIN_TOKEN_SECONDS)
    return response


def _signed_in(gate: AuthGate, principal: Principal, target: str) -> Response:
    value, _ = gate.codec.issue(principal)  # a new value and CSRF token at every sign-in
    response = RedirectResponse(target, status_code=303)
    gate.cookies.set(response, gate.session_cookie, value)
    gate.cookies.clear(response, gate.login_cookie)
    return response


def _view(principal: Principal) -> PrincipalView:
    roles = [RoleView(code=role.value, label=role.label) for role in sorted(principal.roles)]
    return PrincipalView(
        subject=principal.subject,
        display_name=principal.display_name,
        institution=principal.institution,
        roles=roles,
        agency_code=principal.agency_code,
        auth_method=principal.auth_method.value,
    )
