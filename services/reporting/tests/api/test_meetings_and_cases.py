"""Joint meetings and follow-up tasks tracked to done (O1); typical cases published only when anonymised (R3)."""

from datetime import UTC, datetime

import httpx
import pytest

from adr_reporting.spec import SPEC
from adr_runtime.api_deps import get_clock
from adr_runtime.auth import Role
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, signed_in_as

pytestmark = pytest.mark.integration

MEETING = {
    "title": "2026年第四季度府院联席会议",
    "held_on": "2026-11-05",
    "convenor": "伍家岗区司法局",
    "agenda": "通报第三季度行政争议化解情况；研究行政处罚类争议集中问题",
    "attendance": [
        {"unit": "伍家岗区人民法院"}, {"unit": "伍家岗区市场监督管理局"}, {"unit": "区城管局", "present": False},
    ],
    "resolutions": ["市场监管局梳理行政处罚裁量基准", "法院提出综合类司法建议"],
    "tasks": [
        {"title": "报送处罚裁量基准修订稿", "owner_unit": "伍家岗区市场监督管理局", "due_on": "2026-11-30",
         "resolution_no": 1},
        {"title": "起草综合类司法建议", "owner_unit": "伍家岗区人民法院", "due_on": "2026-12-31", "resolution_no": 2},
    ],
}


def at_day(client: httpx.AsyncClient, day: str) -> None:
    app = client._transport.app  # type: ignore[attr-defined]
    app.dependency_overrides[get_clock] = lambda: datetime.fromisoformat(f"{day}T02:00:00+00:00").astimezone(UTC)


@pytest.mark.clause("O1")
async def test_meeting_tasks_are_supervised_to_done_and_overdue_listed(client: httpx.AsyncClient) -> None:
    at_day(client, "2026-12-05")
    created = await client.post("/api/v1/meetings", json=MEETING)
    assert created.status_code == 201, created.text
    meeting = created.json()
    first, second = meeting["tasks"]

    overdue = (await client.get("/api/v1/tasks?overdue=true")).json()
    done = await client.post(f"/api/v1/tasks/{first['task_id']}/done", json={"done_on": "2026-12-04", "note": "已报送"})
    again = await client.post(f"/api/v1/tasks/{first['task_id']}/done", json={"done_on": "2026-12-05"})
    after = (await client.get("/api/v1/tasks?overdue=true")).json()
    reopened = await client.post(f"/api/v1/tasks/{first['task_id']}/reopen", json={"note": "材料不全"})

    assert [a["present"] for a in meeting["attendance"]] == [True, True, False]
    assert meeting["resolutions"] == MEETING["resolutions"]
    assert [t["title"] for t in overdue] == ["报送处罚裁量基准修订稿"] and overdue[0]["status_label"] == "督办中"
    assert done.json()["status"] == "done" and done.json()["overdue"] is False
    assert again.status_code == 409 and "已办结" in again.json()["detail"]
    assert after == []
    assert reopened.json()["status"] == "open" and reopened.json()["overdue"] is True
    assert second["overdue"] is False


@pytest.mark.clause("O1")
async def test_meeting_input_is_checked(client: httpx.AsyncClient) -> None:
    early = {**MEETING, "tasks": [{**MEETING["tasks"][0], "due_on": "2026-11-01"}]}  # type: ignore[dict-item]

    refused = await client.post("/api/v1/meetings", json=early)
    missing = await client.post("/api/v1/meetings", json={**MEETING, "held_on": "not a date"})
    nobody = "00000000-0000-0000-0000-000000000000"
    unknown = await client.post(f"/api/v1/tasks/{nobody}/done", json={"done_on": "2026-12-01"})

    assert refused.status_code == 422 and "办理期限" in refused.json()["detail"]
    assert missing.status_code == 422 and "held_on" in missing.text
    assert unknown.status_code == 404


@pytest.mark.clause("R3")
async def test_a_typical_case_is_published_only_once_no_personal_data_remains(client: httpx.AsyncClient) -> None:
    draft = (await client.post("/api/v1/typical-cases", json={
        "title": "某公司不服行政处罚争议化解案",
        "body": "申请人王建国（手机13972012345）不服区市场监管局罚款决定。",
        "known_names": ["王建国"],
    })).json()

    refused = await client.post(f"/api/v1/typical-cases/{draft['typical_case_id']}/publish")
    revised = await client.put(f"/api/v1/typical-cases/{draft['typical_case_id']}", json={
        "title": "某公司不服行政处罚争议化解案", "body": "申请人王某不服区市场监管局罚款决定，经调解机关自行纠正。",
        "known_names": ["王建国"],
    })
    published = await client.post(f"/api/v1/typical-cases/{draft['typical_case_id']}/publish")
    change = await client.put(f"/api/v1/typical-cases/{draft['typical_case_id']}", json={"title": "x", "body": "y"})

    assert [f.split("有")[1] for f in draft["findings"]] == ["当事人姓名", "手机号码"]
    assert refused.status_code == 422
    assert "手机号码" in refused.json()["detail"] and "13972012345" not in refused.text and "王建国" not in refused.text
    assert revised.json()["findings"] == []
    assert published.status_code == 200 and published.json()["status_label"] == "已发布"
    assert change.status_code == 409


@pytest.mark.clause("O1", "R3")
async def test_centre_staff_may_read_but_not_write(ctx: ServiceContext) -> None:
    async with api_client(ctx, principal=signed_in_as(Role.CENTRE_STAFF)) as staff:
        assert (await staff.get("/api/v1/meetings")).status_code == 200
        assert (await staff.post("/api/v1/meetings", json=MEETING)).status_code == 403
    async with api_client(ctx, principal=signed_in_as(Role.JUSTICE_ANALYST)) as analyst:
        assert (await analyst.post("/api/v1/meetings", json=MEETING)).status_code == 201
    assert SPEC.access is not None
