"""Building a service's resources for a test: settings, a migrated database, the app."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import Request

from adr_runtime.auth.dependencies import current_principal
from adr_runtime.auth.roles import AuthMethod, Principal, Role
from adr_runtime.context import ServiceContext, ServiceSpec
from adr_runtime.http import create_service_app
from adr_runtime.migrations import upgrade
from adr_runtime.worker import start_worker


def signed_in_as(
    role: Role = Role.ADMIN,
    *,
    subject: str | None = None,
    agency_code: str | None = None,
    institution: str = "centre",
) -> Principal:
    """A signed-in test person with one role (``test.<role>`` unless ``subject`` is given)."""
    return Principal(
        subject=subject or f"test.{role.value}",
        display_name=f"测试{role.label}",
        institution=institution,
        roles=frozenset({role}),
        auth_method=AuthMethod.PASSWORD,
        agency_code=agency_code,
    )


ADMIN = signed_in_as(Role.ADMIN)


async def migrated_context(
    spec: ServiceSpec, *, database_url: str, nats_url: str = "nats://127.0.0.1:1", **settings: Any
) -> ServiceContext:
    """A service context on a database brought to the latest migration.

    Args:
        spec: the service.
        database_url: SQLite or PostgreSQL URL (a fresh database).
        nats_url: the NATS server (a closed port when the test needs none).
        **settings: further settings (field names of the service's Settings).
    """
    config = spec.settings_type(database_url=database_url, nats_url=nats_url, log_json=False, **settings)
    ctx = ServiceContext.build(spec, config)
    await upgrade(ctx.engine, spec.migrations_dir)
    return ctx


def api_client(ctx: ServiceContext, *, principal: Principal | None = ADMIN) -> httpx.AsyncClient:
    """An AsyncClient that calls the service's app through ASGI (lifespan not run).

    Every request is made as ``principal`` (an administrator unless given; no session, so no CSRF
    token is needed). ``principal=None`` leaves sign-in as it is: the client must sign in itself.
    """
    app = create_service_app(ctx)
    if principal is not None:
        signed_in = principal

        async def as_principal(request: Request) -> Principal:
            request.state.principal = signed_in
            return signed_in

        app.dependency_overrides[current_principal] = as_principal
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@asynccontextmanager
async def service_context(
    spec: ServiceSpec, *, database_url: str, nats_url: str = "nats://127.0.0.1:1", **settings: Any
) -> AsyncIterator[ServiceContext]:
    """A migrated context for the length of a test; its engine is disposed afterwards."""
    ctx = await migrated_context(spec, database_url=database_url, nats_url=nats_url, **settings)
    try:
        yield ctx
    finally:
        await ctx.engine.dispose()


@asynccontextmanager
async def running_worker(ctx: ServiceContext) -> AsyncIterator[ServiceContext]:
    """The service's worker (subscribers and relay) running on its NATS for the length of a test."""
    worker = await start_worker(ctx, asyncio.Event())
    assert worker is not None, "the worker could not reach NATS"
    try:
        yield ctx
    finally:
        await worker.close()
