"""Loading a year's official holiday schedule through the API, and the filing checks using it at once (M4)."""

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

from ..review_builders import NOTICE_2027, QINGMING_2027, SPRING_FESTIVAL_WORKDAY_2027, facts_known_on

pytestmark = [pytest.mark.integration, pytest.mark.clause("M4")]

URL = "/api/v1/holiday-calendar"


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=database_url)
    async with api_client(ctx) as http:
        yield http
    await ctx.engine.dispose()


def notice(*rows: dict[str, str], **changes: Any) -> dict[str, Any]:
    return {"source_url": NOTICE_2027, "rows": list(rows), **changes}


async def years(client: httpx.AsyncClient) -> dict[int, dict[str, Any]]:
    return {entry["year"]: entry for entry in (await client.get(URL)).json()["years"]}


async def test_a_2027_deadline_stops_being_provisional_once_2027_is_loaded(client: httpx.AsyncClient) -> None:
    facts = facts_known_on(date(2026, 10, 5), as_of="2026-10-20")  # six months end on Monday 2027-04-05

    before = (await client.post("/api/v1/filing-checks", json=facts)).json()
    loaded = await client.put(f"{URL}/2027", json=notice(SPRING_FESTIVAL_WORKDAY_2027, QINGMING_2027))
    after = (await client.post("/api/v1/filing-checks", json=facts)).json()

    assert (before["filing_deadline"], before["deadline_provisional"], before["missing_calendar_years"]) == (
        "2027-04-05",
        True,
        [2027],
    )
    assert "2027年国务院办公厅节假日安排尚未载入" in before["checks"][4]["explanation"]
    assert loaded.status_code == 200, loaded.text
    assert (after["filing_deadline"], after["deadline_provisional"], after["missing_calendar_years"]) == (
        "2027-04-06",
        False,
        [],
    )  # Qingming is a holiday: the period rolls over to the next working day
    assert "暂定" not in after["checks"][4]["explanation"]


async def test_the_calendar_lists_packaged_and_loaded_years(client: httpx.AsyncClient) -> None:
    before = await years(client)
    response = await client.put(f"{URL}/2027", json=notice(QINGMING_2027, SPRING_FESTIVAL_WORKDAY_2027))

    after = await years(client)
    assert {2025, 2026} <= set(before) and 2027 not in before
    assert before[2026]["origin"] == "packaged" and before[2026]["source_url"].startswith("https://www.gov.cn/")
    loaded = response.json()
    assert loaded == after[2027]
    assert (loaded["origin"], loaded["days"], loaded["source_url"], loaded["replaces_packaged"]) == (
        "loaded",
        2,
        NOTICE_2027,
        False,
    )
    assert loaded["loaded_by"] and loaded["loaded_at"]
    assert (await client.get(URL)).json()["covered_years"] == sorted(after)


async def test_loading_a_year_again_replaces_it(client: httpx.AsyncClient) -> None:
    await client.put(f"{URL}/2027", json=notice(QINGMING_2027, SPRING_FESTIVAL_WORKDAY_2027))
    facts = facts_known_on(date(2026, 10, 5), as_of="2026-10-20")

    await client.put(f"{URL}/2027", json=notice(SPRING_FESTIVAL_WORKDAY_2027, source_url="https://example.test/fix"))

    assert (await years(client))[2027]["days"] == 1
    assert (await client.post("/api/v1/filing-checks", json=facts)).json()["filing_deadline"] == "2027-04-05"


async def test_a_loaded_year_may_correct_a_packaged_one(client: httpx.AsyncClient) -> None:
    correction = {"date": "2026-04-06", "kind": "holiday", "name_zh": "清明节"}

    response = await client.put(f"{URL}/2026", json=notice(correction, source_url="https://example.test/2026"))

    assert response.status_code == 200, response.text
    assert (response.json()["origin"], response.json()["replaces_packaged"]) == ("loaded", True)


@pytest.mark.parametrize(
    ("rows", "errors"),
    [
        (
            [{"date": "2027-4-5", "kind": "holiday", "name_zh": "清明节"}, {"date": "2027-04-06", "kind": "rest"}],
            [
                ("rows.0.date", "日期格式应为 YYYY-MM-DD"),
                ("rows.1.kind", "类型应为 holiday（放假）或 workday（调休上班）"),
                ("rows.1.name_zh", "缺少节日名称"),
            ],
        ),
        (
            [QINGMING_2027, {"date": "2027-04-07", "kind": "workday", "name_zh": "清明节"}],
            [("rows.1.kind", "workday 行应为周六或周日（调休上班日）")],
        ),
        (
            [QINGMING_2027, QINGMING_2027],
            [("rows.1.date", "日期重复（与第1行相同）")],
        ),
        (
            [QINGMING_2027, {"date": "2028-01-03", "kind": "holiday", "name_zh": "元旦"}],
            [("rows.1.date", "日期不在 2027 年内（本次导入的是 2027 年的通知）")],
        ),
        ([], [("rows", "没有任何日期行")]),
    ],
)
async def test_bad_rows_are_refused_with_each_rows_problem_in_chinese(
    client: httpx.AsyncClient, rows: list[dict[str, str]], errors: list[tuple[str, str]]
) -> None:
    response = await client.put(f"{URL}/2027", json=notice(*rows))

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert [(e["field"], e["message"]) for e in problem["errors"]] == errors
    assert problem["detail"].startswith("以下字段有误：rows")
    assert 2027 not in await years(client)


async def test_a_year_out_of_range_or_a_notice_without_source_is_refused(client: httpx.AsyncClient) -> None:
    out_of_range = await client.put(f"{URL}/1990", json=notice(QINGMING_2027))
    no_source = await client.put(f"{URL}/2027", json={"rows": [QINGMING_2027]})

    assert out_of_range.status_code == 422 and out_of_range.json()["errors"][0]["field"] == "year"
    assert no_source.status_code == 422 and no_source.json()["errors"][0]["field"] == "source_url"


async def test_loading_is_kept_in_the_centre_s_history(client: httpx.AsyncClient) -> None:
    await client.put(f"{URL}/2027", json=notice(QINGMING_2027))

    ctx = client._transport.app.state.ctx  # type: ignore[attr-defined]
    history = ctx.tables.case_history
    async with ctx.sessions() as session:
        rows = (await session.execute(select(history.c.action, history.c.details, history.c.case_id))).all()
    assert [(r.action, r.details["year"], r.details["days"], r.case_id) for r in rows] == [
        ("intake.holiday_calendar.year_loaded", 2027, 1, None)
    ]
