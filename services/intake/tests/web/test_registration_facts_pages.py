"""The registration form's optional act facts, the dispute page, and the worksheet prefilled from them (SQLite)."""

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3", "M4")]

FORM = {
    "channel": "centre_walk_in",
    "received_on": "2026-11-20",
    "applicant_kind": "natural",
    "applicant_name": "张三",
    "agency_code": "WJG-SCJ",
    "act_type": "penalty",
    "claims_summary": "请求撤销罚款决定",
}
ACT_FACTS = {
    "act_made_on": "2026-10-05",
    "act_served_on": "2026-10-08",
    "act_known_on": "2026-10-08",
    "postmark_on": "2026-11-18",
    "claim_types": ["revoke_or_alter", "confirm_illegal"],
    "reconsideration_applied": "on",
    "reconsideration_organ": "伍家岗区人民政府",
    "reconsideration_decision_type": "maintain",
    "reconsideration_served_on": "2026-11-10",
}


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}")
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


def _value(page: str, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    value = re.search(r'value="([^"]*)"', tag.group(0)) if tag else None
    return value.group(1) if value else None


async def test_the_form_offers_the_optional_section(client: httpx.AsyncClient) -> None:
    page = await client.get("/disputes/new")

    assert page.status_code == 200
    assert "行政行为与复议（可选）" in page.text and 'name="act_known_on"' in page.text


async def test_the_form_registers_the_act_facts_and_the_page_shows_them(client: httpx.AsyncClient) -> None:
    registered = await client.post("/disputes/new", data={**FORM, **ACT_FACTS})
    assert registered.status_code == 303, registered.text
    case_path = registered.headers["location"].split("?")[0]

    page = await client.get(case_path)
    body = (await client.get(f"/api/v1{case_path}")).json()

    assert body["act_known_on"] == "2026-10-08" and body["postmark_on"] == "2026-11-18"
    assert body["claim_types"] == ["revoke_or_alter", "confirm_illegal"]
    assert body["reconsideration"] == {
        "applied": True,
        "organ": "伍家岗区人民政府",
        "decision_type": "maintain",
        "decision_served_on": "2026-11-10",
    }
    assert "知道或应当知道之日" in page.text and "2026-10-08" in page.text
    assert "已申请（伍家岗区人民政府），维持" in page.text and "确认行政行为违法" in page.text


async def test_the_form_without_the_act_facts_still_registers(client: httpx.AsyncClient) -> None:
    registered = await client.post("/disputes/new", data=FORM)

    assert registered.status_code == 303, registered.text


async def test_a_postmark_after_the_received_date_comes_back_on_the_form(client: httpx.AsyncClient) -> None:
    bad = await client.post("/disputes/new", data={**FORM, "postmark_on": "2026-11-21"})

    assert bad.status_code == 422
    assert 'id="e-postmark_on"' in bad.text and "不得晚于收件日 2026-11-20" in bad.text


async def test_the_worksheet_is_prefilled_from_the_registered_facts(client: httpx.AsyncClient) -> None:
    registered = await client.post("/disputes/new", data={**FORM, **ACT_FACTS})
    case_path = registered.headers["location"].split("?")[0]

    sheet = (await client.get(f"{case_path}/review")).text

    assert _value(sheet, "known_date") == "2026-10-08"
    assert _value(sheet, "made_date") == "2026-10-05"
    assert _value(sheet, "postmark_date") == "2026-11-18"
    assert _value(sheet, "reconsideration_served_date") == "2026-11-10"
    assert re.search(r'name="claim_types" value="confirm_illegal" checked', sheet)
