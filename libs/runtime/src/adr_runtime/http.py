"""The HTTP application every service starts from: health, readiness, metrics, problems, tracing."""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import nats
from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adr_contracts.services import SERVICE_TITLE_ZH
from adr_runtime.auth.access import protect
from adr_runtime.auth.errors import AuthError
from adr_runtime.auth.gate import PLATFORM_TITLE, AuthGate
from adr_runtime.auth.install import install_auth, on_auth_error
from adr_runtime.context import ServiceContext
from adr_runtime.db import ping
from adr_runtime.dead_letters.pages import page_router as dead_letter_pages
from adr_runtime.dead_letters.routes import ERRORS as DEAD_LETTER_ERRORS
from adr_runtime.dead_letters.routes import OpsNats
from adr_runtime.dead_letters.routes import api_router as dead_letter_api
from adr_runtime.problems import install_problem_handlers, problem, respond
from adr_runtime.receipts.routes import api_router as receipts_api
from adr_runtime.telemetry import setup_tracing
from adr_runtime.web.shell import wants_html

logger = logging.getLogger(__name__)

CORRELATION_HEADER = "X-Correlation-ID"


class NatsProbe:
    """A connection kept only to answer readiness; reconnects in the background."""

    def __init__(self, url: str, options: dict[str, Any] | None = None) -> None:
        self._url = url
        self._options = options or {}
        self._connection: nats.NATS | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Connects in the background so that the API starts even while NATS is down."""
        self._task = asyncio.create_task(self._connect_forever())

    async def _connect_forever(self) -> None:
        while self._connection is None:
            try:
                self._connection = await nats.connect(
                    self._url, connect_timeout=2, max_reconnect_attempts=-1, reconnect_time_wait=1, **self._options
                )
            except Exception:  # not reachable yet; readiness says so meanwhile
                await asyncio.sleep(2)

    @property
    def connected(self) -> bool:
        """True while the connection is up."""
        return self._connection is not None and self._connection.is_connected

    async def stop(self) -> None:
        """Closes the connection."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._connection is not None:
            await self._connection.close()


def create_service_app(ctx: ServiceContext) -> FastAPI:
    """The service's FastAPI application with its routers and the shared endpoints.

    Args:
        ctx: the process's resources.
    """
    nats_options = ctx.settings.nats_options(ctx.spec.name)
    probe = NatsProbe(ctx.settings.nats_url, nats_options)
    ops_nats = OpsNats(ctx.settings.nats_url, ctx.settings.ops_nats_options(ctx.spec.name))
    spec = ctx.spec
    lifespan = _lifespan(ctx, probe, ops_nats)
    app = FastAPI(title=spec.title, description=spec.description, version="0.1.0", lifespan=lifespan)
    app.state.ctx = ctx
    app.state.ops_nats = ops_nats
    install_problem_handlers(app, {**DEAD_LETTER_ERRORS, **spec.domain_errors})
    app.add_middleware(CorrelationIdMiddleware)
    _add_operational_routes(app, ctx, probe)
    if spec.shell is not None:
        spec.shell.mount(app, ctx.settings.peer_urls)
    _install_sign_in(app, ctx)
    _include_routers(app, ctx)
    # one server span per request (no spans for each ASGI send and receive); cheap while nothing exports
    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=setup_tracing(spec.name),
        excluded_urls="healthz,readyz,metrics",
        exclude_spans=["receive", "send"],
    )
    return app


def _lifespan(
    ctx: ServiceContext, probe: NatsProbe, ops_nats: OpsNats
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Starts the readiness probe; on shutdown closes it, the operators' NATS and the database engine."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await probe.start()
        try:
            yield
        finally:
            await probe.stop()
            await ops_nats.close()
            await ctx.engine.dispose()

    return lifespan


def _include_routers(app: FastAPI, ctx: ServiceContext) -> None:
    """The service's own routers behind its access policy, its public ones, then the shared desks."""
    spec = ctx.spec
    assert spec.access is not None  # checked by _install_sign_in
    guard = Depends(protect(spec.access))
    for router in spec.routers(ctx):
        # every route of the service needs a principal its access policy allows (O2)
        app.include_router(router, dependencies=[guard])
    # public routers (issue #12): no sign-in; each protects itself (rate limits, its own CSRF)
    for router in spec.public_routers(ctx) if spec.public_routers is not None else ():
        app.include_router(router)
    # the dead-letter desk (issue #10): administrators only, in every service
    app.include_router(dead_letter_api(), dependencies=[guard])
    app.include_router(dead_letter_pages(), dependencies=[guard])
    app.include_router(receipts_api(), dependencies=[guard])  # hand-off receipts (issue #10), administrators only


def build_gate(ctx: ServiceContext) -> AuthGate:
    """The service's sign-in machinery on its own database (accounts and audit log)."""
    spec = ctx.spec
    if spec.auth_tables is None:
        raise ValueError(f"service {spec.name} declares no auth tables")
    gate = AuthGate(
        ctx.settings.auth, service=spec.name, tables=spec.auth_tables, sessions=ctx.sessions, env=ctx.settings.env
    )
    gate.title = f"{PLATFORM_TITLE} · {SERVICE_TITLE_ZH[spec.name]}"
    return gate


def _install_sign_in(app: FastAPI, ctx: ServiceContext) -> None:
    """The service's AuthGate and /auth routes; a refused page shows the shared error page."""
    if ctx.spec.access is None:
        raise ValueError(f"service {ctx.spec.name} declares no access policy")
    install_auth(app, build_gate(ctx))
    app.add_exception_handler(AuthError, _on_auth_error)


async def _on_auth_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AuthError)
    if exc.status == 403 and wants_html(request) and "HX-Request" not in request.headers:
        return respond(request, exc.status, detail=exc.detail, type_=exc.type_)
    return await on_auth_error(request, exc)


class CorrelationIdMiddleware:
    """Pure ASGI: gives each HTTP request a correlation id and answers with it in ``X-Correlation-ID``.

    A valid UUID supplied by the caller is kept, anything else replaced by a new one; handlers read it
    from ``request.state.correlation_id``. Unlike Starlette's ``BaseHTTPMiddleware`` it runs in the
    request's own task and leaves the body alone.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        correlation = _correlation_of(Headers(scope=scope).get(CORRELATION_HEADER, ""))
        scope.setdefault("state", {})["correlation_id"] = correlation
        value = str(correlation)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[CORRELATION_HEADER] = value
            await send(message)

        await self.app(scope, receive, send_with_id)


def _correlation_of(supplied: str) -> uuid.UUID:
    try:
        return uuid.UUID(supplied)
    except ValueError:
        return uuid.uuid4()


def _add_operational_routes(app: FastAPI, ctx: ServiceContext, probe: NatsProbe) -> None:
    @app.get("/healthz", tags=["operations"], summary="Liveness: the process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": ctx.spec.name}

    @app.get("/readyz", tags=["operations"], summary="Readiness: the database and NATS are reachable")
    async def readyz() -> Response:
        checks = {"database": await ping(ctx.engine), "nats": probe.connected}
        if all(checks.values()):
            return JSONResponse({"status": "ready", "checks": checks})
        failing = "、".join(name for name, ok in checks.items() if not ok)
        return problem(503, detail=f"依赖不可用：{failing}", checks=checks)

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics", include_in_schema=False)
    async def metrics_endpoint() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
