"""Annual and thematic analyses (M9) drafted from the service's data, as JSON, DOCX and PDF (read back)."""

from typing import Any
from uuid import uuid4

import httpx
import pytest

from adr_runtime.context import ServiceContext
from adr_runtime.documents import docx_text, pdf_text

from ..builders import SUGGESTION

pytestmark = [pytest.mark.integration, pytest.mark.clause("M9", "P3")]


async def suggestion(client: httpx.AsyncClient, agency: str, topic: str, served_on: str,
                     reply: dict[str, Any] | None = None) -> None:
    body = SUGGESTION | {"agency_code": agency, "topic_code": topic}
    suggestion_id = (await client.post("/api/v1/suggestions", json=body)).json()["id"]
    await client.post(f"/api/v1/suggestions/{suggestion_id}/issue", json={"served_on": served_on})
    if reply is not None:
        await client.post(f"/api/v1/suggestions/{suggestion_id}/reply", json=reply)


@pytest.fixture
async def year_of_work(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    adopted = {"replied_on": "2026-05-01", "adopted": True, "measures": ["整改"]}
    await suggestion(client, "WJG-SCJ", "penalty_procedure", "2025-06-01")
    await suggestion(client, "WJG-SCJ", "penalty_procedure", "2026-03-02", adopted)
    await suggestion(client, "WJG-SCJ", "penalty_procedure", "2026-04-01")
    await suggestion(client, "WJG-ZJJ", "penalty_procedure", "2026-04-01", adopted | {"replied_on": "2026-06-10"})
    await suggestion(client, "WJG-ZJJ", "licensing_delay", "2026-05-01")
    hearing = (await client.post("/api/v1/hearings", json={
        "case_id": str(uuid4()), "topic": "听证", "scheduled_on": "2026-06-01"})).json()
    await client.post(f"/api/v1/hearings/{hearing['id']}/record", json={
        "held_on": "2026-06-01", "outcome": "reconciled", "participants": [{"role": "hearing_officer", "name": "甲"}]})
    application = (await client.post("/api/v1/assistance-applications", json={
        "case_id": str(uuid4()), "applicant_name": "乙", "reason": "困难", "applied_on": "2026-06-01"})).json()
    await client.post(f"/api/v1/assistance-applications/{application['id']}/decision", json={
        "decided_on": "2026-06-05", "granted": True, "amount_fen": 800_000})


async def test_the_annual_figures_count_by_agency_and_topic_with_reply_rates(
    client: httpx.AsyncClient, year_of_work: None
) -> None:
    figures = (await client.get("/api/v1/analyses/annual/2026")).json()

    assert (figures["issued"], figures["replied"], figures["adopted"], figures["overdue"]) == (4, 2, 2, 1)
    assert figures["by_agency"] == [
        {"agency_code": "WJG-SCJ", "issued": 2, "replied": 1, "adopted": 1, "overdue": 0, "reply_rate": 0.5},
        {"agency_code": "WJG-ZJJ", "issued": 2, "replied": 1, "adopted": 1, "overdue": 1, "reply_rate": 0.5},
    ]
    assert figures["by_topic"] == {"penalty_procedure": 3, "licensing_delay": 1}
    assert [(n["kind"], n["topic_code"]) for n in figures["notices"]] == [
        ("general", "penalty_procedure"), ("trending", "penalty_procedure"), ("emerging", "licensing_delay")
    ]
    assert figures["hearings_by_outcome"] == {"reconciled": 1}
    assert figures["assistance"] == {"granted": 1, "refused": 0, "amount_fen": 800_000}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
async def test_the_annual_analysis_is_drafted_as_a_document(
    client: httpx.AsyncClient, year_of_work: None, fmt: str
) -> None:
    response = await client.get(f"/api/v1/analyses/annual/2026/document.{fmt}")

    assert response.status_code == 200
    text = "".join((docx_text if fmt == "docx" else pdf_text)(response.content).split())
    for expected in ("2026年度行政检察监督工作分析", "共发出检察建议4件", "WJG-ZJJ", "50%", "普遍性问题",
                     "新发问题：licensing_delay", "举行检察听证1次", "金额8000.00元"):
        assert expected in text, expected


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
async def test_a_thematic_analysis_covers_one_topic(client: httpx.AsyncClient, year_of_work: None, fmt: str) -> None:
    params = {"topic_code": "licensing_delay", "start": "2026-01-01", "end": "2026-12-31"}

    figures = (await client.get("/api/v1/analyses/thematic", params=params)).json()
    response = await client.get(f"/api/v1/analyses/thematic/document.{fmt}", params=params)

    assert (figures["theme"], figures["issued"]) == ("licensing_delay", 1)
    assert list(figures["by_topic"]) == ["licensing_delay"]
    text = "".join((docx_text if fmt == "docx" else pdf_text)(response.content).split())
    assert "专题分析：licensing_delay" in text and "共发出检察建议1件" in text and "司法救助" not in text


async def test_a_thematic_period_must_not_end_before_it_starts(client: httpx.AsyncClient) -> None:
    params = {"topic_code": "x", "start": "2026-12-31", "end": "2026-01-01"}

    response = await client.get("/api/v1/analyses/thematic", params=params)

    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["end"]
