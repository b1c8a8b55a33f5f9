"""Intake's staff pages, rendered by the real app (the browser journey is in tests/e2e)."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

pytestmark = [pytest.mark.integration, pytest.mark.clause("C1", "M3")]

FORM = {
    "channel": "centre_walk_in",
    "received_on": "2026-11-20",
    "applicant_kind": "natural",
    "applicant_name": "张三",
    "agency_code": "WJG-SCJ",
    "act_type": "penalty",
    "claims_summary": "请求撤销罚款决定",
    "mediation_consent": "on",
}


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}")
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


async def test_registering_from_the_form_leads_to_the_dispute_page(client: httpx.AsyncClient) -> None:
    response = await client.post("/disputes/new", data=FORM)

    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert "已登记，登记号 WJG-2026-000001" in page.text
    assert 'lang="zh-CN"' in page.text


async def test_the_form_comes_back_with_each_fields_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/disputes/new", data={**FORM, "channel": "", "applicant_name": ""})

    assert response.status_code == 422
    assert 'id="e-channel"' in response.text and "请从列表中选择" in response.text
    assert 'id="e-applicant_name"' in response.text and 'aria-invalid="true"' in response.text


async def test_the_board_lists_disputes_with_masked_names(client: httpx.AsyncClient) -> None:
    await client.post("/disputes/new", data=FORM)

    board = await client.get("/board")

    assert board.status_code == 200
    assert "WJG-2026-000001" in board.text and "张*" in board.text and "张三" not in board.text


async def test_a_missing_dispute_shows_the_shared_error_page(client: httpx.AsyncClient) -> None:
    response = await client.get("/disputes/00000000-0000-0000-0000-000000000000", headers={"accept": "text/html"})

    assert response.status_code == 404
    assert "未找到" in response.text and "请求编号" in response.text


async def test_static_files_are_served_locally(client: httpx.AsyncClient) -> None:
    htmx = await client.get("/static/vendor/htmx-2.0.11.min.js")
    echarts = await client.get("/static/vendor/echarts-5.6.0.min.js")

    assert htmx.status_code == 200 and echarts.status_code == 200


async def test_the_board_shows_no_deadline_before_the_review(client: httpx.AsyncClient) -> None:
    await client.post("/disputes/new", data=FORM)

    board = await client.get("/board")

    assert "起诉期限" in board.text and "待审查" in board.text
