"""Every service's operational endpoints: liveness, readiness (database and NATS), metrics."""

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from adr_intake.spec import SPEC
from adr_runtime.http import create_service_app
from adr_runtime.localnats import free_port
from adr_runtime.testing.service import migrated_context

pytestmark = [pytest.mark.integration, pytest.mark.clause("O2")]


async def _ready(client: httpx.AsyncClient, want: int) -> httpx.Response:
    deadline = time.monotonic() + 15
    response = await client.get("/readyz")
    while response.status_code != want and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        response = await client.get("/readyz")
    return response


async def _client_with_lifespan(nats_url: str, tmp_path: Path) -> tuple[httpx.AsyncClient, object]:
    ctx = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'i.db'}", nats_url=nats_url)
    app = create_service_app(ctx)
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test"), lifespan


@pytest.mark.nats
async def test_ready_when_the_database_and_nats_answer(nats_url: str, tmp_path: Path) -> None:
    client, lifespan = await _client_with_lifespan(nats_url, tmp_path)
    try:
        assert (await client.get("/healthz")).json() == {"status": "ok", "service": "intake"}
        response = await _ready(client, 200)
        assert response.json()["checks"] == {"database": True, "nats": True}
    finally:
        await lifespan.__aexit__(None, None, None)  # type: ignore[attr-defined]


async def test_not_ready_while_nats_is_unreachable_but_still_alive(tmp_path: Path) -> None:
    client, lifespan = await _client_with_lifespan(f"nats://127.0.0.1:{free_port()}", tmp_path)
    try:
        response = await _ready(client, 503)
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["checks"] == {"database": True, "nats": False}
        assert (await client.get("/healthz")).status_code == 200
    finally:
        await lifespan.__aexit__(None, None, None)  # type: ignore[attr-defined]


async def test_metrics_are_exposed_for_prometheus(tmp_path: Path) -> None:
    client, lifespan = await _client_with_lifespan(f"nats://127.0.0.1:{free_port()}", tmp_path)
    try:
        response = await client.get("/metrics")
        assert response.status_code == 200
        assert "adr_outbox_oldest_unpublished_seconds" in response.text
    finally:
        await lifespan.__aexit__(None, None, None)  # type: ignore[attr-defined]
