"""Annual and thematic analyses (M9): figures as JSON, drafts as DOCX and PDF."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.exceptions import RequestValidationError

from adr_procuratorate_bridge import documents, report_views
from adr_procuratorate_bridge.api.suggestions import settings_of
from adr_procuratorate_bridge.domain.reports import Analysis, Period
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.clock import local_date
from adr_runtime.context import ServiceContext

router = APIRouter(prefix="/api/v1/analyses", tags=["analyses"])

Year = Annotated[int, documents.YEAR_PATH]
Topic = Annotated[str, Query(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$", description="问题类别代码")]


EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)  # an analysis period, and its previous one, stay in range


async def _annual(ctx: ServiceContext, year: int) -> Analysis:
    name = settings_of(ctx).procuratorate_name
    period = Period(date(year, 1, 1), date(year, 12, 31))
    return await report_views.load_analysis(ctx.sessions, title=f"{name}{year}年度行政检察监督工作分析", period=period)


async def _thematic(ctx: ServiceContext, topic_code: str, start: date, end: date) -> Analysis:
    if end < start:
        error = {"loc": ("query", "end"), "msg": "结束日不能早于开始日", "type": "value_error"}
        raise RequestValidationError([error])
    for name, day in (("start", start), ("end", end)):
        if not EARLIEST <= day <= LATEST:
            error = {"loc": ("query", name), "msg": "日期须在2000年至2100年之间", "type": "value_error"}
            raise RequestValidationError([error])
    return await report_views.load_analysis(
        ctx.sessions, title=f"行政检察监督专题分析：{topic_code}", period=Period(start, end), topic_code=topic_code
    )


def _figures(analysis: Analysis) -> dict[str, object]:
    return {
        "title": analysis.title, "start": analysis.period.start, "end": analysis.period.end, "theme": analysis.theme,
        "issued": analysis.issued, "replied": analysis.replied, "adopted": analysis.adopted,
        "overdue": analysis.overdue,
        "by_agency": [
            {"agency_code": line.agency_code, "issued": line.issued, "replied": line.replied,
             "adopted": line.adopted, "overdue": line.overdue, "reply_rate": round(line.reply_rate, 4)}
            for line in analysis.by_agency
        ],
        "by_topic": dict(analysis.by_topic),
        "notices": [n.__dict__ for n in analysis.notices],
        "hearings_by_outcome": dict(analysis.hearings_by_outcome),
        "assistance": dict(zip(("granted", "refused", "amount_fen"), analysis.assistance, strict=True)),
        "evaluation_ratings": dict(analysis.evaluation_ratings),
        "shared_by_kind": dict(analysis.shared_by_kind),
    }


def _file(ctx: ServiceContext, analysis: Analysis, fmt: str, stem: str, now: ClockDep) -> Response:
    document = documents.analysis_document(
        analysis, issuer=settings_of(ctx).procuratorate_name, issued_on=local_date(now)
    )
    return documents.file_response(document, fmt, stem)


@router.get("/annual/{year}")
async def annual_figures(year: Year, ctx: ContextDep) -> dict[str, object]:
    """The figures of the year's analysis: by agency, by topic, reply rates, notices of problems."""
    return _figures(await _annual(ctx, year))


@router.get("/annual/{year}/document.{fmt}")
async def annual_document(
    year: Year, fmt: Annotated[str, documents.FORMAT_PATH], ctx: ContextDep, now: ClockDep
) -> Response:
    """The draft annual analysis as DOCX or PDF."""
    return _file(ctx, await _annual(ctx, year), fmt, f"annual-analysis-{year}", now)


@router.get("/thematic")
async def thematic_figures(
    ctx: ContextDep, topic_code: Topic, start: Annotated[date, Query()], end: Annotated[date, Query()]
) -> dict[str, object]:
    """The figures of a thematic analysis: one topic's suggestions over a period."""
    return _figures(await _thematic(ctx, topic_code, start, end))


@router.get("/thematic/document.{fmt}")
async def thematic_document(
    fmt: Annotated[str, documents.FORMAT_PATH],
    ctx: ContextDep,
    now: ClockDep,
    topic_code: Topic,
    start: Annotated[date, Query()],
    end: Annotated[date, Query()],
) -> Response:
    """The draft thematic analysis as DOCX or PDF."""
    return _file(ctx, await _thematic(ctx, topic_code, start, end), fmt, f"thematic-analysis-{topic_code}", now)
