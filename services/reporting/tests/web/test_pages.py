"""Reporting's pages in Chinese: each number beside its definition and its API (M11, M10, C6, O1, R3, R4, J1)."""

import httpx
import pytest

from adr_runtime.context import ServiceContext

from ..api.test_indicator_catalogue import feed
from ..api.test_meetings_and_cases import MEETING, at_day
from ..scenario import history

pytestmark = [pytest.mark.integration, pytest.mark.clause("M11", "J1", "M10", "C6", "O1", "R3", "R4")]


async def test_dashboard_shows_numbers_definitions_charts_and_their_apis(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    await feed(ctx, history())

    page = await client.get("/dashboard", headers={"Accept": "text/html"})

    assert page.status_code == 200
    html = page.text
    assert "态势总览" in html and "echarts-5.6.0.min.js" in html
    assert "66.67%" in html and "（2 / 3）" in html and "统计口径" in html  # head appearance rate, its counts
    for chart in ("chart-trend", "chart-agencies", "chart-stages"):
        assert f'id="{chart}"' in html
    for api in ("/api/v1/indicators/trend", "/api/v1/indicators/agencies", "/api/v1/indicators/stages",
                "/api/v1/indicators/rates/head_appearance_rate"):
        assert api in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/indicators?period=2026-11", "行政复议纠错率"),
        ("/indicators?as_of=2026-11-30&agency=WJG-SCJ", "/api/v1/indicators?as_of=2026-11-30&amp;agency=WJG-SCJ"),
        ("/scorecards", "机关考评"),
        ("/warnings", "期限逾期"),
        ("/notices", "生成通报"),
        ("/meetings", "逾期未办结"),
        ("/typical-cases", "典型案例"),
        ("/subsidies", "以案定补台账"),
    ],
)
async def test_every_page_renders_in_chinese(
    ctx: ServiceContext, client: httpx.AsyncClient, url: str, expected: str
) -> None:
    await feed(ctx, history())

    page = await client.get(url, headers={"Accept": "text/html"})

    assert page.status_code == 200, page.text[:500]
    assert expected in page.text and 'lang="zh-CN"' in page.text


async def test_meetings_page_lists_overdue_tasks_and_marks_them_done(client: httpx.AsyncClient) -> None:
    at_day(client, "2027-01-05")
    await client.post("/api/v1/meetings", json=MEETING)
    tasks = (await client.get("/api/v1/tasks?overdue=true")).json()

    before = (await client.get("/meetings")).text
    done = await client.post(f"/tasks/{tasks[0]['task_id']}/done", data={"note": "已报送"})
    after = (await client.get("/meetings")).text

    assert "报送处罚裁量基准修订稿" in before and "逾期未办结（2）" in before
    assert done.status_code == 303
    assert "逾期未办结（1）" in after


async def test_a_bad_period_in_the_notice_form_is_shown_not_crashed(client: httpx.AsyncClient) -> None:
    page = await client.post("/notices", data={"period": "2026-13"}, headers={"Accept": "text/html"})

    assert page.status_code == 422 and "无法识别" in page.text


@pytest.mark.clause("R3")
async def test_a_typical_case_is_drafted_and_published_from_the_page(client: httpx.AsyncClient) -> None:
    leaky = {"title": "某公司不服处罚案", "body": "申请人李红梅不服罚款决定。", "known_names": "李红梅，王五"}
    clean = {"title": "某餐饮店不服处罚案", "body": "申请人李某不服罚款决定，经调解机关自行纠正。",
             "known_names": "李红梅"}

    assert (await client.post("/typical-cases", data=leaky)).status_code == 303
    assert (await client.post("/typical-cases", data=clean)).status_code == 303
    empty = await client.post("/typical-cases", data={"title": "", "body": ""}, headers={"Accept": "text/html"})
    cases = {c["title"]: c for c in (await client.get("/api/v1/typical-cases")).json()}
    refused = await client.post(f"/typical-cases/{cases['某公司不服处罚案']['typical_case_id']}/publish",
                                headers={"Accept": "text/html"})
    published = await client.post(f"/typical-cases/{cases['某餐饮店不服处罚案']['typical_case_id']}/publish")
    page = (await client.get("/typical-cases")).text

    assert empty.status_code == 422 and "标题和正文均须填写" in empty.text
    assert refused.status_code == 422 and "当事人姓名" in refused.text
    assert published.status_code == 303
    assert "已发布" in page and "仍含个人信息" in page


@pytest.mark.clause("O1")
async def test_a_meeting_is_recorded_from_the_page(client: httpx.AsyncClient) -> None:
    at_day(client, "2026-12-05")
    form = {
        "title": "府院联席会议", "held_on": "2026-11-05", "convenor": "伍家岗区司法局", "agenda": "研究处罚类争议",
        "attendance": "伍家岗区人民法院\n区城管局（缺席）",
        "resolutions": "梳理裁量基准\n提出综合类司法建议",
        "tasks": "报送裁量基准｜区市场监管局｜2026-11-30\n起草司法建议|伍家岗区人民法院|2026-12-31",
    }

    saved = await client.post("/meetings", data=form)
    html = {"Accept": "text/html"}
    bad_line = await client.post("/meetings", data={**form, "tasks": "只有事项"}, headers=html)
    missing = await client.post("/meetings", data={**form, "title": ""}, headers=html)
    meeting = (await client.get("/api/v1/meetings")).json()[0]

    assert saved.status_code == 303
    assert bad_line.status_code == 422 and "第 1 行" in bad_line.text
    assert "只有事项" in bad_line.text  # what was typed stays in the form
    assert missing.status_code == 422 and "会议名称" in missing.text
    attendance = [(a["unit"], a["present"]) for a in meeting["attendance"]]
    assert attendance == [("伍家岗区人民法院", True), ("区城管局", False)]
    tasks = [(t["owner_unit"], t["overdue"]) for t in meeting["tasks"]]
    assert tasks == [("区市场监管局", True), ("伍家岗区人民法院", False)]
