"""The directory pages and the dispute page's decisions, rendered by the real app (SQLite)."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

from ..decision_builders import GOOD_ROWS, csv_bytes, register

pytestmark = pytest.mark.integration


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}")
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


@pytest.mark.clause("O3")
async def test_the_seeded_directory_marks_unchecked_units(client: httpx.AsyncClient) -> None:
    seeded = await client.post("/directory/seed")

    page = await client.get(seeded.headers["location"])

    assert "导入完成：新增 37" in page.text
    assert "伍家岗区市场监督管理局" in page.text and page.text.count(">待核实<") == 25
    assert page.text.count(">已核实<") == 12


@pytest.mark.clause("O3")
async def test_a_bad_upload_comes_back_with_every_rows_error_and_nothing_imported(client: httpx.AsyncClient) -> None:
    content = csv_bytes(GOOD_ROWS[0], "WJG-X,某局,agency,county,,,no")

    response = await client.post("/directory/import", files={"file": ("目录.csv", content, "text/csv")})

    assert response.status_code == 422
    assert "共 1 处错误，未导入任何数据" in response.text and "<td>3</td><td>kind</td>" in response.text
    assert "目录为空" in response.text


@pytest.mark.clause("O3")
async def test_a_liaison_added_on_the_unit_page_is_shown_masked(client: httpx.AsyncClient) -> None:
    await client.post("/directory/import", files={"file": ("目录.csv", csv_bytes(GOOD_ROWS[1]), "text/csv")})

    added = await client.post("/directory/WJG-SCJ/liaisons", data={"name": "李四", "phone": "13900001111"})
    page = await client.get(added.headers["location"])

    assert "李*" in page.text and "139****1111" in page.text
    assert "李四" not in page.text and "13900001111" not in page.text


@pytest.mark.clause("C2")
async def test_classifying_on_the_dispute_page_shows_the_major_badge_on_the_board(client: httpx.AsyncClient) -> None:
    case_id = (await register(client))["case_id"]

    saved = await client.post(f"/disputes/{case_id}/classification", data={"major": "on", "reason": "涉及重点工程"})
    page = await client.get(saved.headers["location"])
    board = await client.get("/board")

    assert "重大复杂争议：已向中心告警" in page.text and "涉及重点工程" in page.text
    assert ">重大<" in board.text


@pytest.mark.clause("A1")
async def test_the_lead_agency_is_decided_from_the_dispute_page(client: httpx.AsyncClient) -> None:
    case_id = (await register(client, agency_codes=["WJG-ZJJ", "WJG-ZRZY"]))["case_id"]
    before = await client.get(f"/disputes/{case_id}")

    decided = await client.post(
        f"/disputes/{case_id}/lead-agency", data={"lead_agency_code": "WJG-ZJJ", "reasons": "征收补偿由区住建局实施"}
    )
    after = await client.get(decided.headers["location"])

    assert "待司法局与法院确定" in before.text and "确定牵头机关" in before.text
    assert "司法局、法院确定：征收补偿由区住建局实施" in after.text and "确定牵头机关</button>" not in after.text


@pytest.mark.clause("M3")
async def test_a_withdrawal_from_the_dispute_page_ends_routing_there(client: httpx.AsyncClient) -> None:
    case_id = (await register(client))["case_id"]

    withdrawn = await client.post(f"/disputes/{case_id}/withdrawal", data={"reason_code": "applicant_withdrew"})
    page = await client.get(withdrawn.headers["location"])

    assert "已撤回" in page.text and "申请人主动撤回" in page.text
    assert "确认分流" not in page.text and "登记撤回" not in page.text


@pytest.mark.clause("C2", "M3")
async def test_the_registration_form_takes_the_act_number_and_the_amount(client: httpx.AsyncClient) -> None:
    form = {
        "channel": "centre_walk_in",
        "received_on": "2026-11-20",
        "applicant_kind": "natural",
        "applicant_name": "张三",
        "agency_code": "WJG-SCJ",
        "act_type": "penalty",
        "claims_summary": "请求撤销罚款决定",
        "act_doc_no": "伍市监罚〔2026〕12号",
        "amount_yuan": "1000000",
    }

    bad = await client.post("/disputes/new", data={**form, "amount_yuan": "-5"})
    registered = await client.post("/disputes/new", data=form)
    page = await client.get(registered.headers["location"])

    assert bad.status_code == 422 and 'id="e-amount_yuan"' in bad.text and "不能为负数" in bad.text
    assert "伍市监罚〔2026〕12号" in page.text and "1,000,000 元" in page.text
    assert "重大复杂争议：已向中心告警" in page.text
