"""Adding sign-in to a service's FastAPI application."""

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from adr_runtime.auth.errors import AuthError
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.routes import LOGIN_PATH, auth_router
from adr_runtime.problems import problem


def install_auth(app: FastAPI, gate: AuthGate) -> None:
    """Keeps the gate on ``app.state.auth``, renders AuthError and adds the ``/auth`` routes.

    Args:
        app: the service's application.
        gate: its sign-in machinery.
    """
    app.state.auth = gate
    app.add_exception_handler(AuthError, on_auth_error)
    app.include_router(auth_router())


async def on_auth_error(request: Request, exc: Exception) -> Response:
    """problem+json; a browser asking for a page without a session goes to the sign-in form instead."""
    assert isinstance(exc, AuthError)
    if exc.status == 401 and request.method == "GET" and _wants_page(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"{LOGIN_PATH}?next={quote(target, safe='')}", status_code=303)
    response = problem(exc.status, detail=exc.detail, type_=exc.type_)
    response.headers.update(exc.headers)
    return response


def _wants_page(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "HX-Request" not in request.headers
