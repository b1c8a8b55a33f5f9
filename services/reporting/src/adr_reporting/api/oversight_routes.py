"""Agency scorecards (M10), early warnings (M11, K3) and the subsidy ledger (R4)."""

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from adr_reporting import views
from adr_reporting.api.indicator_routes import ScopeDep
from adr_reporting.domain import rates
from adr_reporting.domain.errors import NotFound
from adr_reporting.domain.scorecard import scorecard
from adr_reporting.settings import DEFAULT_WEIGHTS, Settings
from adr_reporting.store import journal
from adr_reporting.store.tables import early_warnings, subsidy_lines
from adr_runtime.api_deps import ContextDep
from adr_runtime.context import ServiceContext

router = APIRouter(prefix="/api/v1", tags=["oversight"])

SCORECARD_DEFINITION = (
    "机关考评得分（满分100）= Σ（各项得分 × 权重）÷ Σ 计入项权重 × 100。比率类指标以比率计分，"
    "行政诉讼败诉率越低越好，以“1 − 败诉率”计分；本期无数据的项目不计入，其余权重按比例折算。权重可配置"
    "（REPORTING_SCORECARD_WEIGHTS），依据法治政府建设考核（RULES.md §9，M10）。"
)


class ScoreItemOut(BaseModel):
    code: str
    name: str
    weight: float
    value: float | None
    points: float | None
    counted: bool
    note: str


class ScorecardOut(BaseModel):
    agency_code: str
    agency_name: str | None
    score: float | None = Field(description="考评得分（满分100）；无任何数据时为 null")
    items: list[ScoreItemOut]


class Scorecards(BaseModel):
    weights: dict[str, float]
    definition: str
    scorecards: list[ScorecardOut]


def _weights(ctx: ServiceContext) -> dict[str, float]:
    return ctx.settings.scorecard_weights if isinstance(ctx.settings, Settings) else dict(DEFAULT_WEIGHTS)


async def scorecards_for(ctx: ServiceContext, scope: rates.Scope) -> Scorecards:
    """Every agency's scorecard for the scope, best first."""
    weights = _weights(ctx)
    async with ctx.sessions() as session:
        entries = await journal.load(session, until=scope.as_of)
        names = await views.agency_names(session)
    cards = []
    for code in rates.agencies_in(entries, scope.as_of):
        computed = {i.code: i for i in rates.compute(entries, rates.Scope(scope.as_of, scope.start, scope.end, code))}
        card = scorecard(code, computed, weights)
        cards.append(ScorecardOut(
            agency_code=code, agency_name=names.get(code), score=card.score,
            items=[ScoreItemOut(**item.__dict__) for item in card.items],
        ))
    cards.sort(key=lambda c: (c.score is None, -(c.score or 0), c.agency_code))
    return Scorecards(weights=weights, definition=SCORECARD_DEFINITION, scorecards=cards)


@router.get("/scorecards", response_model=Scorecards, tags=["scorecards"])
async def all_scorecards(ctx: ContextDep, scope: ScopeDep) -> Scorecards:
    """Every agency's rule-of-law scorecard (M10) for the period, with the weights and how items score."""
    return await scorecards_for(ctx, scope)


@router.get("/scorecards/{agency_code}", response_model=ScorecardOut, tags=["scorecards"])
async def one_scorecard(ctx: ContextDep, scope: ScopeDep, agency_code: str) -> ScorecardOut:
    """One agency's scorecard."""
    for card in (await scorecards_for(ctx, scope)).scorecards:
        if card.agency_code == agency_code:
            return card
    raise NotFound(f"没有机关“{agency_code[:40]}”的统计数据")


class WarningOut(BaseModel):
    warning_id: UUID
    kind: str
    kind_label: str
    raised_on: date
    agency_code: str | None
    act_type: str | None
    case_ids: list[UUID]
    count: int
    window_days: int | None
    detail: str
    suggests_comprehensive_suggestion: bool = Field(description="同类争议集中：可据此提出综合类司法建议（K3）")


class Warnings(BaseModel):
    warnings: list[WarningOut]
    by_kind: dict[str, int]
    definition: str


WARNING_LABELS = {
    "deadline_overdue": "期限逾期", "high_risk": "高风险", "repeated_agency": "同一机关争议集中",
    "repeated_act_type": "同类行为争议集中",
}
WARNINGS_DEFINITION = (
    "预警（M11）：期限逾期（协议义务逾期未履行、司法建议或检察建议逾期未回复，各发一次）；高风险（信访或社会稳定风险"
    "评估为高，每件争议每类风险一次）；同一机关或同类行为在窗口期内登记的争议达到阈值（窗口期内不重复预警），"
    "此类集中情形可作为法院提出综合类司法建议的依据（K3）。每条预警以 adr.reporting.warning.raised.v1 发布。"
)


@router.get("/warnings", response_model=Warnings, tags=["warnings"])
async def warnings_list(
    ctx: ContextDep,
    kind: Annotated[str | None, Query(max_length=30)] = None,
    agency: Annotated[str | None, Query(max_length=40)] = None,
    since: Annotated[date | None, Query()] = None,
) -> Warnings:
    """Early warnings raised, newest first, with how many of each kind."""
    query = select(early_warnings).order_by(early_warnings.c.raised_on.desc(), early_warnings.c.key)
    if kind:
        query = query.where(early_warnings.c.kind == kind)
    if agency:
        query = query.where(early_warnings.c.agency_code == agency)
    if since:
        query = query.where(early_warnings.c.raised_on >= since)
    async with ctx.sessions() as session:
        rows = (await session.execute(query.limit(500))).all()
        counted = (await session.execute(select(early_warnings.c.kind, func.count()).group_by(early_warnings.c.kind)))
        by_kind = dict.fromkeys(WARNING_LABELS, 0) | {str(k): int(n) for k, n in counted.all()}
    items = [
        WarningOut(
            warning_id=r.warning_id, kind=r.kind, kind_label=WARNING_LABELS.get(r.kind, r.kind), raised_on=r.raised_on,
            agency_code=r.agency_code, act_type=r.act_type, case_ids=[UUID(c) for c in r.case_ids], count=r.count,
            window_days=r.window_days, detail=r.detail,
            suggests_comprehensive_suggestion=r.kind in ("repeated_agency", "repeated_act_type"),
        )
        for r in rows
    ]
    return Warnings(warnings=items, by_kind=by_kind, definition=WARNINGS_DEFINITION)


class LedgerRow(BaseModel):
    key: str
    lines: int
    cases: int
    amount_fen: int
    amount_yuan: str


class Ledger(BaseModel):
    period: str | None
    total_fen: int
    total_yuan: str
    by_period: list[LedgerRow]
    by_mediator: list[LedgerRow]
    definition: str


LEDGER_DEFINITION = (
    "以案定补台账（R4）：来自调解机构“以案定补批次已审批”事件，每行为一名调解员就一件案件获得的补贴（只记编号，"
    "不含姓名）；金额以分记录、以元显示。按期间、按调解员汇总。依据 RULES.md §8（一案一补、谁调解补贴谁）。"
)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@router.get("/subsidies", response_model=Ledger, tags=["subsidies"])
async def subsidy_ledger(
    ctx: ContextDep, period: Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = None
) -> Ledger:
    """The subsidy ledger: approved subsidies by period and by mediator (identifiers only)."""
    query = select(subsidy_lines)
    if period:
        query = query.where(subsidy_lines.c.period == period)
    async with ctx.sessions() as session:
        rows = (await session.execute(query)).all()

    def group(key: str) -> list[LedgerRow]:
        groups: dict[str, list[object]] = {}
        for row in rows:
            groups.setdefault(str(getattr(row, key)), []).append(row)
        return [
            LedgerRow(key=k, lines=len(v), cases=len({r.mediation_case_id for r in v}),  # type: ignore[attr-defined]
                      amount_fen=(fen := sum(r.amount_fen for r in v)), amount_yuan=_yuan(fen))  # type: ignore[attr-defined]
            for k, v in sorted(groups.items())
        ]

    total = sum(r.amount_fen for r in rows)
    return Ledger(period=period, total_fen=total, total_yuan=_yuan(total), by_period=group("period"),
                  by_mediator=group("mediator_id"), definition=LEDGER_DEFINITION)
