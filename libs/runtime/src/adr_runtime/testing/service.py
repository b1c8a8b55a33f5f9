"""Building a service's resources for a test: settings, a migrated database, the app."""

from typing import Any

import httpx

from adr_runtime.context import ServiceContext, ServiceSpec
from adr_runtime.http import create_service_app
from adr_runtime.migrations import upgrade


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


def api_client(ctx: ServiceContext) -> httpx.AsyncClient:
    """An AsyncClient that calls the service's app through ASGI (lifespan not run)."""
    app = create_service_app(ctx)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
