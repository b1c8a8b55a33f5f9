"""The dashboard in a real browser: Debian's Chromium (headless, Playwright) sees the ECharts charts drawn (M11)."""

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import Request

from adr_reporting.messaging.subscriptions import on_dispute_event
from adr_reporting.spec import SPEC
from adr_runtime.auth.dependencies import current_principal
from adr_runtime.auth.roles import Principal, Role
from adr_runtime.http import create_service_app
from adr_runtime.testing import infra
from adr_runtime.testing.service import migrated_context, signed_in_as

from ..scenario import history

pytestmark = [pytest.mark.integration, pytest.mark.e2e, pytest.mark.clause("M11", "J1")]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
ANALYST = signed_in_as(Role.JUSTICE_ANALYST)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """Reporting's app with the scenario's facts, served by uvicorn in a thread, signed in as an analyst."""
    port = free_port()
    ready, stop = threading.Event(), threading.Event()

    async def serve() -> None:
        ctx = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path}/reporting.db")
        for envelope in history():
            async with ctx.sessions() as session, session.begin():
                await on_dispute_event(session, envelope)
        app = create_service_app(ctx)

        async def as_analyst(request: Request) -> Principal:
            request.state.principal = ANALYST
            return ANALYST

        app.dependency_overrides[current_principal] = as_analyst
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off"))
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.05)
        ready.set()
        await asyncio.to_thread(stop.wait)
        server.should_exit = True
        await task
        await ctx.engine.dispose()

    thread = threading.Thread(target=lambda: asyncio.run(serve()), daemon=True)
    thread.start()
    assert ready.wait(30), "reporting did not start"
    yield f"http://127.0.0.1:{port}"
    stop.set()
    thread.join(30)


def test_the_dashboard_draws_its_charts(served: str) -> None:
    if not CHROMIUM.exists():
        infra.require_or_skip("no /usr/bin/chromium for the browser tests (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page: Any = browser.new_page()
            page.goto(f"{served}/dashboard")
            for chart in ("#chart-trend", "#chart-agencies", "#chart-stages"):
                page.wait_for_selector(f"{chart} canvas", timeout=20000)
            assert page.locator("h1").inner_text() == "态势总览"
            assert "66.67%" in page.locator("[data-code=head_appearance_rate]").inner_text()
            page.wait_for_function("document.getElementById('stage-definition').textContent.length > 0")
        finally:
            browser.close()
