"""Periodic notices (C6): generated as DOCX, PDF and XLSX, opened, and their numbers read back."""

import io
from datetime import UTC, datetime

import httpx
import pytest
from openpyxl import load_workbook

from adr_reporting.spec import SPEC
from adr_runtime.context import ServiceContext
from adr_runtime.documents import docx_text, pdf_text

from ..scenario import history
from .test_indicator_catalogue import feed

pytestmark = [pytest.mark.integration, pytest.mark.clause("C6", "M10", "M11", "M9")]


async def test_the_monthly_notice_says_the_same_numbers_in_three_formats(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    await feed(ctx, history())

    docx = await client.get("/api/v1/notices/2026-11/docx")
    pdf = await client.get("/api/v1/notices/2026-11/pdf")
    xlsx = await client.get("/api/v1/notices/2026-11/xlsx")

    assert docx.status_code == pdf.status_code == xlsx.status_code == 200
    word = docx_text(docx.content)
    assert "伍家岗区行政争议实质性化解工作通报（2026年11月）" in word
    assert "全区登记行政争议 6 件" in word
    assert "行政机关负责人出庭应诉率\t66.67%\t2 / 3" in word  # the table row, with its raw counts
    assert "WJG-SCJ有司法建议逾期未回复" in word  # a recommendation drawn from the numbers
    text = pdf_text(pdf.content)
    assert "全区登记行政争议 6 件" in text and "66.67%" in text and "各机关登记争议数" in text  # the chart's caption
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = {row[1]: row for row in book["主要指标"].iter_rows(min_row=3, values_only=True)}
    assert rows["head_appearance_rate"][2:5] == (0.6667, 2, 3)
    assert rows["disputes_registered"][2] == 6
    per_agency = list(book["各机关"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2]) for r in per_agency] == [("WJG-SCJ", 4), ("WJG-ZJJ", 2)]
    assert len(book["各机关"]._charts) == 1


async def test_quarterly_notice_on_demand_and_listed(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    await feed(ctx, history())

    made = await client.post("/api/v1/notices/2026-Q4")
    listed = (await client.get("/api/v1/notices")).json()
    word = docx_text((await client.get("/api/v1/notices/2026-Q4/docx")).content)

    assert made.status_code == 201
    assert [n["period"] for n in listed] == ["2026-Q4"]
    assert "2026年第四季度" in word and "全区登记行政争议 6 件" in word
    assert (await client.get("/api/v1/notices/2026-13/pdf")).status_code == 422
    assert (await client.get("/api/v1/notices/2026-11/odt")).status_code == 422


async def test_the_schedule_generates_what_is_due_once(ctx: ServiceContext) -> None:
    await feed(ctx, history())
    generate_due = __import__("adr_reporting.notices", fromlist=["generate_due"]).generate_due
    now = datetime(2027, 1, 5, 2, 0, tzinfo=UTC)

    first = await generate_due(ctx.sessions, now=now)
    second = await generate_due(ctx.sessions, now=now)

    assert first == ["2026-12", "2026-Q4"] and second == []
    assert "notices" in SPEC.commands
