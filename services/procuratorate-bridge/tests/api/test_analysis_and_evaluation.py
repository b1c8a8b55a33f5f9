"""Joint analysis (P1) and quality evaluation with linked suggestions (P5) through the API."""

from uuid import uuid4

import httpx
import pytest
from sqlalchemy import select

from adr_runtime.context import ServiceContext

from ..builders import outbox_events

pytestmark = pytest.mark.integration


@pytest.mark.clause("P1")
async def test_the_procuratorate_answers_an_invitation_with_its_opinion_kept_in_the_case_history(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = str(uuid4())
    invitation = {"case_id": case_id, "topic": "征收补偿争议研判", "invited_by": "centre", "meeting_on": "2026-12-02"}
    invited = await client.post("/api/v1/joint-analyses", json=invitation)
    analysis_id = invited.json()["id"]

    answered = await client.post(
        f"/api/v1/joint-analyses/{analysis_id}/answer",
        json={"participants": ["检察官甲", "检察官乙"], "opinion": "建议先行协调补偿标准", "opinion_on": "2026-12-03"},
    )
    again = await client.post(f"/api/v1/joint-analyses/{analysis_id}/answer", json={"decline_reason": "回避"})
    listed = (await client.get("/api/v1/joint-analyses", params={"case_id": case_id})).json()

    assert invited.status_code == 201 and invited.json()["status"] == "invited"
    assert (answered.json()["status"], answered.json()["opinion"]) == ("opinion_given", "建议先行协调补偿标准")
    assert again.status_code == 409
    assert [a["id"] for a in listed] == [analysis_id]
    async with ctx.sessions() as session:
        history = (await session.execute(
            select(ctx.tables.case_history.c.action).order_by(ctx.tables.case_history.c.id)
        )).scalars().all()
    assert history == ["procuratorate.analysis.invited", "procuratorate.analysis.opinion_given"]
    assert await outbox_events(ctx) == []  # no contract: the opinion stays with the procuratorate


@pytest.mark.clause("P5")
async def test_an_evaluation_records_findings_closes_and_drafts_a_linked_suggestion(client: httpx.AsyncClient) -> None:
    opened = await client.post(
        "/api/v1/evaluations",
        json={"agency_code": "WJG-SCJ", "title": "2026年上半年行政处罚案卷评查", "period_from": "2026-01-01",
              "period_to": "2026-06-30", "case_refs": ["伍市监罚〔2026〕3号", "伍市监罚〔2026〕7号"]},
    )
    task_id = opened.json()["id"]
    findings = [
        {"case_ref": "伍市监罚〔2026〕3号", "rating": "qualified"},
        {"case_ref": "伍市监罚〔2026〕7号", "rating": "unqualified", "problems": "未听取当事人陈述申辩"},
    ]

    early = await client.post(f"/api/v1/evaluations/{task_id}/close")
    rated = await client.post(f"/api/v1/evaluations/{task_id}/findings", json={"findings": findings})
    closed = await client.post(f"/api/v1/evaluations/{task_id}/close")
    drafted = await client.post(
        f"/api/v1/evaluations/{task_id}/suggestions",
        json={"topic_code": "penalty_procedure", "recommendations": "严格落实陈述申辩程序"},
    )
    task = (await client.get(f"/api/v1/evaluations/{task_id}")).json()

    assert opened.status_code == 201 and early.status_code == 422 and "未作评查结论" in early.json()["detail"]
    assert rated.json()["counts"] == {"qualified": 1, "flawed": 0, "unqualified": 1}
    assert closed.json()["closed_on"] is not None
    suggestion = drafted.json()
    assert drafted.status_code == 201
    assert (suggestion["status"], suggestion["agency_code"], suggestion["evaluation_id"]) == (
        "draft", "WJG-SCJ", task_id
    )
    assert "伍市监罚〔2026〕7号：未听取当事人陈述申辩" in suggestion["findings"]
    assert task["suggestion_ids"] == [suggestion["id"]]


@pytest.mark.clause("P5")
async def test_evaluation_refusals_are_problems(client: httpx.AsyncClient) -> None:
    body = {"agency_code": "WJG-SCJ", "period_from": "2026-01-01", "period_to": "2026-06-30", "case_refs": ["A"]}
    task_id = (await client.post("/api/v1/evaluations", json=body)).json()["id"]
    await client.post(f"/api/v1/evaluations/{task_id}/findings",
                      json={"findings": [{"case_ref": "A", "rating": "qualified"}]})

    outside = await client.post(f"/api/v1/evaluations/{task_id}/findings",
                                json={"findings": [{"case_ref": "B", "rating": "qualified"}]})
    nothing_found = await client.post(
        f"/api/v1/evaluations/{task_id}/suggestions", json={"topic_code": "x", "recommendations": "y"}
    )
    backwards = await client.post("/api/v1/evaluations", json=body | {"period_to": "2025-12-31"})
    missing = await client.get(f"/api/v1/evaluations/{uuid4()}")

    assert outside.status_code == 422 and "不在本次评查" in outside.json()["detail"]
    assert nothing_found.status_code == 422 and "未发现问题" in nothing_found.json()["detail"]
    assert backwards.status_code == 422
    assert missing.status_code == 404
