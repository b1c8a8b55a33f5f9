"""The eight-check worksheet (立案“八看”审查表) rendered by the real app, with its htmx partial (M4)."""

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

from ..review_builders import A_DISPUTE, CHECKS, NOTICE_2027, QINGMING_2027

pytestmark = [pytest.mark.integration, pytest.mark.clause("M4")]

# Known on 2026-10-05: six months end on Monday 2027-04-05, a year whose schedule is not packaged.
FACTS: dict[str, Any] = {
    "act_type": "penalty",
    "made_date": "2026-10-05",
    "served_date": "2026-10-05",
    "informed_litigation": "on",
    "informed_reconsideration": "on",
    "plaintiff_kind": "natural",
    "plaintiff_addressee": "on",
    "defendant_name": "伍家岗区市场监督管理局",
    "defendant_kind": "department",
    "defendant_level": "county",
    "claim_types": ["revoke_or_alter"],
    "filed_date": "",
    "as_of": "2026-10-20",
}
CONFIRMED = {f"confirm_{check}": "confirm" for check in CHECKS}
DECIDED = {**FACTS, **CONFIRMED, "route": "filing", "reason_code": "not_mediable"}


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}")
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


@pytest.fixture
async def case_id(client: httpx.AsyncClient) -> str:
    response = await client.post("/api/v1/disputes", json=A_DISPUTE)
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


async def test_the_dispute_page_links_to_the_worksheet(client: httpx.AsyncClient, case_id: str) -> None:
    page = await client.get(f"/disputes/{case_id}")

    assert f'href="/disputes/{case_id}/review"' in page.text
    assert "确认分流" in page.text  # the existing routing form is still there


async def test_the_worksheet_shows_the_facts_form_prefilled(client: httpx.AsyncClient, case_id: str) -> None:
    page = await client.get(f"/disputes/{case_id}/review")

    assert page.status_code == 200
    assert "立案“八看”审查" in page.text and 'lang="zh-CN"' in page.text
    assert 'name="csrf_token"' in page.text
    assert f'hx-post="/disputes/{case_id}/review/evaluate"' in page.text and 'hx-target="#review-result"' in page.text
    assert '<option value="penalty" selected>' in page.text
    assert 'name="filed_date" type="date" value="2025-11-20"' in page.text  # the date first received
    labels = ["作出日", "送达日", "已告知诉权和起诉期限", "复议决定", "被告类型", "涉及不动产", "当场作出"]
    labels += ["申请履行职责之日", "已申请行政复议", "复议决定送达日", "诉讼请求"]
    assert [label for label in labels if label not in page.text] == []


async def test_the_partial_returns_the_eight_verdicts_and_a_provisional_deadline(
    client: httpx.AsyncClient, case_id: str
) -> None:
    partial = await client.post(f"/disputes/{case_id}/review/evaluate", data=FACTS, headers={"HX-Request": "true"})

    assert partial.status_code == 200
    assert "<html" not in partial.text
    assert re.findall(r'<tr id="check-([a-z_]+)">', partial.text) == CHECKS
    for label in ("看诉讼请求", "看受案范围", "看起诉期限", "看复议前置", "看管辖"):
        assert label in partial.text
    assert "行政诉讼法第四十六条第一款" in partial.text and "起诉期限至2027-04-05" in partial.text
    assert 'datetime="2027-04-05"' in partial.text and ">暂定</span>" in partial.text
    assert "2027年国务院办公厅节假日安排尚未载入" in partial.text
    assert partial.text.count('value="confirm" checked') == 8
    assert 'name="computed_limitation" value="pass"' in partial.text
    assert '<option value="filing" selected>' in partial.text  # the suggested route, preselected


async def test_once_2027_is_loaded_the_partial_shows_the_exact_deadline(
    client: httpx.AsyncClient, case_id: str
) -> None:
    notice = {"source_url": NOTICE_2027, "rows": [QINGMING_2027]}
    loaded = await client.put("/api/v1/holiday-calendar/2027", json=notice)
    assert loaded.status_code == 200, loaded.text

    partial = await client.post(f"/disputes/{case_id}/review/evaluate", data=FACTS)

    assert 'datetime="2027-04-06"' in partial.text and "暂定" not in partial.text


async def test_the_partial_lists_wrong_facts_in_chinese(client: httpx.AsyncClient, case_id: str) -> None:
    partial = await client.post(
        f"/disputes/{case_id}/review/evaluate", data={**FACTS, "act_type": "", "made_date": "5/10/2026"}
    )

    assert partial.status_code == 200
    assert "行为类型：必填" in partial.text and "作出日：请填写日期" in partial.text
    assert "check-claim" not in partial.text


async def test_submitting_stores_the_review_and_returns_to_the_dispute(client: httpx.AsyncClient, case_id: str) -> None:
    override = {"confirm_other_bars": "override", "verdict_other_bars": "review", "reason_other_bars": "待核实前案"}

    response = await client.post(f"/disputes/{case_id}/review", data={**DECIDED, **override})

    assert response.status_code == 303 and response.headers["location"] == f"/disputes/{case_id}"
    review = (await client.get(f"/api/v1/disputes/{case_id}/filing-review")).json()
    assert (review["route"], review["deadline_provisional"], review["checks"][-1]["reason"]) == (
        "filing",
        True,
        "待核实前案",
    )
    assert (await client.get(f"/api/v1/disputes/{case_id}")).json()["stage"] == "routed_to_filing"
    stored = await client.get(f"/disputes/{case_id}/review")
    assert "已改判" in stored.text and "理由：待核实前案" in stored.text
    assert "<form" not in stored.text.split("<main")[1]  # read-only once stored


async def test_an_override_without_a_reason_comes_back_beside_its_field(
    client: httpx.AsyncClient, case_id: str
) -> None:
    form = {**DECIDED, "confirm_limitation": "override", "verdict_limitation": "fail"}

    response = await client.post(f"/disputes/{case_id}/review", data=form)

    assert response.status_code == 422
    assert 'id="e-reason_limitation"' in response.text and "改判须写明理由" in response.text
    assert 'name="confirm_limitation" value="override" checked' in response.text  # the choice is kept
    assert (await client.get(f"/api/v1/disputes/{case_id}/filing-review")).status_code == 404


async def test_a_routed_dispute_cannot_be_reviewed_from_the_page(client: httpx.AsyncClient, case_id: str) -> None:
    await client.post(f"/api/v1/disputes/{case_id}/route", json={"route": "filing", "reason_code": "not_mediable"})

    page = await client.get(f"/disputes/{case_id}/review")
    response = await client.post(f"/disputes/{case_id}/review", data=DECIDED)

    assert "该争议已分流" in page.text
    assert response.status_code == 409 and "不能再次分流" in response.text
