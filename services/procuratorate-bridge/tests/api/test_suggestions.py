"""The suggestions API (P3) on SQLite and PostgreSQL: draft, issue, reply, overdue sweep, documents, publication."""

from datetime import UTC, datetime
from uuid import uuid4

import httpx
import pytest

from adr_procuratorate_bridge.spec import SPEC
from adr_runtime.context import ServiceContext
from adr_runtime.documents import docx_text, pdf_text
from adr_runtime.testing.service import api_client, service_context

from ..builders import SUGGESTION, at, outbox_events

pytestmark = [pytest.mark.integration, pytest.mark.clause("P3")]

MARCH_2 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in the district


async def drafted(client: httpx.AsyncClient, **changes: object) -> dict[str, object]:
    response = await client.post("/api/v1/suggestions", json=SUGGESTION | changes)
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


async def issued(client: httpx.AsyncClient, **changes: object) -> dict[str, object]:
    draft = await drafted(client, **changes)
    response = await client.post(f"/api/v1/suggestions/{draft['id']}/issue", json={"served_on": "2026-03-02"})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


async def test_a_draft_publishes_nothing(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    draft = await drafted(client)

    assert draft["status"] == "draft" and draft["suggestion_no"] is None and draft["reply_due_on"] is None
    assert await outbox_events(ctx) == []


async def test_issuing_numbers_the_suggestion_sets_its_deadline_and_publishes_it(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = uuid4()
    first = await issued(client, case_id=str(case_id))
    second = await issued(client)

    assert (first["status"], first["suggestion_no"], first["reply_due_on"]) == (
        "issued", "宜伍检行建〔2026〕1号", "2026-05-06"  # two months: 2 May is in the Labour Day holiday
    )
    assert second["suggestion_no"] == "宜伍检行建〔2026〕2号"
    [event, _] = await outbox_events(ctx)
    assert (event["type"], event["subject"]) == ("adr.procuratorate.suggestion.issued.v1", str(case_id))
    assert event["data"] == {
        "suggestion_id": first["id"], "suggestion_no": "宜伍检行建〔2026〕1号", "agency_code": "WJG-SCJ",
        "topic_code": "penalty_procedure", "issued_on": "2026-03-02", "reply_due_on": "2026-05-06",
    }


async def test_the_reply_period_is_configurable(database_url: str) -> None:
    context = service_context(SPEC, database_url=database_url, suggestion_reply_months=1)
    async with context as ctx, api_client(ctx) as client:
        body = await issued(client)

    assert body["reply_due_on"] == "2026-04-02"


async def test_a_late_reply_records_measures_days_late_and_publishes_the_reply(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    suggestion = await issued(client)

    response = await client.post(
        f"/api/v1/suggestions/{suggestion['id']}/reply",
        json={"replied_on": "2026-05-11", "adopted": True, "measures": ["修订处罚告知书模板", "组织执法人员培训"]},
    )

    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["days_late"], body["measures"]) == (
        "replied", 5, ["修订处罚告知书模板", "组织执法人员培训"]
    )
    event = (await outbox_events(ctx))[-1]
    assert event["type"] == "adr.procuratorate.suggestion.replied.v1"
    assert event["data"] == {
        "suggestion_id": suggestion["id"], "agency_code": "WJG-SCJ", "replied_on": "2026-05-11",
        "reply_due_on": "2026-05-06", "days_late": 5, "adopted": True,
    }


async def test_refusals_are_problems_in_chinese(client: httpx.AsyncClient) -> None:
    draft = await drafted(client)
    suggestion = await issued(client)
    reply = {"replied_on": "2026-04-01", "adopted": False}

    to_draft = await client.post(f"/api/v1/suggestions/{draft['id']}/reply", json=reply)
    await client.post(f"/api/v1/suggestions/{suggestion['id']}/reply", json=reply)
    twice = await client.post(f"/api/v1/suggestions/{suggestion['id']}/reply", json=reply)
    reissue = await client.post(f"/api/v1/suggestions/{suggestion['id']}/issue", json={})
    open_one = await issued(client)
    no_measures = await client.post(
        f"/api/v1/suggestions/{open_one['id']}/reply", json={"replied_on": "2026-04-01", "adopted": True}
    )
    missing = await client.post(f"/api/v1/suggestions/{uuid4()}/issue", json={})
    bad_kind = await client.post("/api/v1/suggestions", json=SUGGESTION | {"kind": "threat"})

    assert (to_draft.status_code, twice.status_code, reissue.status_code) == (409, 409, 409)
    assert "尚未发出" in to_draft.json()["detail"] and "不能重复回复" in twice.json()["detail"]
    assert no_measures.status_code == 422 and "整改措施" in no_measures.json()["detail"]
    assert missing.status_code == 404 and missing.json()["detail"].startswith("未找到检察建议")
    assert bad_kind.status_code == 422 and [e["field"] for e in bad_kind.json()["errors"]] == ["kind"]


async def test_the_overdue_sweep_notices_each_unanswered_suggestion_once(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    late, answered = await issued(client), await issued(client)
    reply = {"replied_on": "2026-04-01", "adopted": False}
    await client.post(f"/api/v1/suggestions/{answered['id']}/reply", json=reply)

    at(client, datetime(2026, 5, 6, 15, 0, tzinfo=UTC))  # 23:00 on the last day: not yet overdue
    on_last_day = (await client.post("/api/v1/suggestions/sweep-overdue")).json()
    at(client, datetime(2026, 5, 6, 16, 30, tzinfo=UTC))  # 00:30 on 7 May in the district
    first = (await client.post("/api/v1/suggestions/sweep-overdue")).json()
    again = (await client.post("/api/v1/suggestions/sweep-overdue")).json()
    listed = (await client.get("/api/v1/suggestions", params={"status": "overdue"})).json()

    assert (on_last_day, first, again) == ({"noticed": []}, {"noticed": [late["id"]]}, {"noticed": []})
    assert [s["id"] for s in listed["items"]] == [late["id"]] and listed["items"][0]["warning"] == "overdue"
    overdue = [e for e in await outbox_events(ctx) if e["type"] == "adr.procuratorate.suggestion.overdue.v1"]
    assert [e["data"] for e in overdue] == [{
        "suggestion_id": late["id"], "agency_code": "WJG-SCJ", "reply_due_on": "2026-05-06",
        "noticed_on": "2026-05-07",
    }]


async def test_the_list_shows_deadline_warnings(client: httpx.AsyncClient) -> None:
    suggestion = await issued(client)
    at(client, datetime(2026, 5, 2, 2, 0, tzinfo=UTC))

    [item] = (await client.get("/api/v1/suggestions", params={"agency_code": "WJG-SCJ"})).json()["items"]

    assert (item["id"], item["warning"]) == (suggestion["id"], "due_in_5")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
async def test_the_suggestion_letter_is_generated_and_reads_back(client: httpx.AsyncClient, fmt: str) -> None:
    suggestion = await issued(client)

    response = await client.get(f"/api/v1/suggestions/{suggestion['id']}/document.{fmt}")

    assert response.status_code == 200
    text = (docx_text if fmt == "docx" else pdf_text)(response.content)
    compact = "".join(text.split())
    for expected in ("社会治理检察建议书", "宜伍检行建〔2026〕1号", "WJG-SCJ", "规范文书送达", "2026年5月6日",
                     "宜昌市伍家岗区人民检察院", "2个月"):
        assert expected in compact, expected


async def test_an_unknown_document_format_is_a_problem(client: httpx.AsyncClient) -> None:
    suggestion = await drafted(client)

    response = await client.get(f"/api/v1/suggestions/{suggestion['id']}/document.exe")

    assert response.status_code == 422


async def test_the_supervision_list_is_publishable(client: httpx.AsyncClient) -> None:
    await drafted(client)
    replied = await issued(client, case_id=str(uuid4()))
    await issued(client)
    await client.post(
        f"/api/v1/suggestions/{replied['id']}/reply",
        json={"replied_on": "2026-04-01", "adopted": True, "measures": ["整改"]},
    )

    published = (await client.get("/api/v1/supervision-list", params={"year": 2026})).json()

    assert (published["issued"], published["replied"], published["adopted"], published["overdue"]) == (2, 1, 1, 0)
    assert [i["suggestion_no"] for i in published["items"]] == ["宜伍检行建〔2026〕1号", "宜伍检行建〔2026〕2号"]
    private = {"case_id", "findings", "recommendations", "measures", "reply_summary", "id"}
    assert not private & set(published["items"][0])
