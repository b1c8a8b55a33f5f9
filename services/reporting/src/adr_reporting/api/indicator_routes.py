"""The indicator catalogue: every indicator of RULES.md §9 with its definition, per agency and period, as of a date."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from adr_reporting import views
from adr_reporting.api.indicator_schemas import AgencyComparison, IndicatorOut, IndicatorSet, Positions, Stages, Trend
from adr_reporting.domain.errors import NotFound, ReportingError
from adr_reporting.domain.periods import parse_period
from adr_reporting.domain.rates import CALCULATORS, Scope
from adr_runtime.api_deps import ClockDep, ContextDep

router = APIRouter(prefix="/api/v1/indicators", tags=["indicators"])


def scope_of(
    as_of: Annotated[date | None, Query(description="截至日期（含），计算当日已知的事实")] = None,
    agency: Annotated[str | None, Query(max_length=40, description="机关代码")] = None,
    period: Annotated[str | None, Query(max_length=10, description="期间：2026-11、2026-Q4 或 2026")] = None,
    start: Annotated[date | None, Query(alias="from", description="期间起日（含）")] = None,
    end: Annotated[date | None, Query(alias="to", description="期间止日（含）")] = None,
) -> Scope:
    """The scope named by the query (a period overrides from/to)."""
    if period:
        named = parse_period(period)
        start, end = named.start, named.end
    if start and end and start > end:
        raise ReportingError("期间起日不能晚于止日")
    return Scope(as_of=as_of, start=start, end=end, agency=agency or None)


ScopeDep = Annotated[Scope, Depends(scope_of)]


@router.get("", response_model=IndicatorSet)
async def all_indicators(ctx: ContextDep, now: ClockDep, scope: ScopeDep) -> IndicatorSet:
    """Every indicator for the scope, each with its raw counts and definition (numerator, denominator, sources, basis).

    `?as_of=2026-11-30` counts only what was known on that day; `?period=2026-Q4` or `?from=&to=` the period
    the facts' own dates fall in; `?agency=WJG-SCJ` one agency. Indicators that cannot be derived say why.
    """
    return await views.indicator_set(ctx.sessions, scope, now=now)


@router.get("/rates/{code}", response_model=IndicatorOut)
async def one_indicator(ctx: ContextDep, now: ClockDep, scope: ScopeDep, code: str) -> IndicatorOut:
    """One indicator by its code (e.g. `head_appearance_rate`), for the scope."""
    if code not in CALCULATORS:
        raise NotFound(f"没有代码为“{code[:40]}”的指标")
    result = await views.indicator_set(ctx.sessions, scope, now=now, codes=[code])
    return result.indicators[0]


@router.get("/agencies", response_model=AgencyComparison)
async def per_agency(ctx: ContextDep, scope: ScopeDep) -> AgencyComparison:
    """Every indicator for each agency the facts name (per-agency comparison)."""
    return await views.agency_comparison(ctx.sessions, scope)


@router.get("/trend", response_model=Trend)
async def trend(
    ctx: ContextDep,
    now: ClockDep,
    months: Annotated[int, Query(ge=1, le=36, description="月数")] = 12,
    as_of: Annotated[date | None, Query()] = None,
    agency: Annotated[str | None, Query(max_length=40)] = None,
) -> Trend:
    """Monthly counts of registrations, agreements, court filings and warnings over the last months."""
    return await views.trend(ctx.sessions, now=now, months=months, as_of=as_of, agency=agency)


@router.get("/stages", response_model=Stages)
async def stages(ctx: ContextDep, as_of: Annotated[date | None, Query()] = None) -> Stages:
    """How many disputes stand at each stage (the furthest reached) on a day."""
    return await views.stages(ctx.sessions, as_of=as_of)


@router.get("/positions", response_model=Positions)
async def positions(ctx: ContextDep) -> Positions:
    """How far each projection has read each stream (stream sequence), and the journal's size."""
    return await views.positions(ctx.sessions)
