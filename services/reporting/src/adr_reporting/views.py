"""Read-only queries behind the indicators (counts over the read models)."""

from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts.vocabulary import Channel, Route
from adr_reporting.api.indicator_schemas import (
    AgencyComparison,
    AgencyRow,
    DefinitionOut,
    IndicatorOut,
    IndicatorSet,
    Positions,
    ScopeOut,
    Stages,
    Trend,
)
from adr_reporting.api.schemas import DirectoryIndicators, DisputeIndicators, MediationIndicators
from adr_reporting.domain import rates
from adr_reporting.domain.facts import MediationStatus
from adr_reporting.domain.indicators import (
    DIRECTORY_DEFINITION,
    DISPUTES_DEFINITION,
    MEDIATION_DEFINITION,
    success_rate,
)
from adr_reporting.domain.journal import Kind
from adr_reporting.domain.journal import as_of as as_of_entries
from adr_reporting.domain.periods import recent_months
from adr_reporting.domain.rates import Indicator, Scope
from adr_reporting.store import journal
from adr_reporting.store.tables import agencies, early_warnings
from adr_reporting.store.tables import dispute_facts as facts
from adr_runtime.clock import local_date


async def _count_by(session: AsyncSession, column: ColumnElement[str | None]) -> dict[str, int]:
    query = select(column, func.count()).where(column.is_not(None)).group_by(column)
    return {str(key): int(n) for key, n in (await session.execute(query)).all()}


async def dispute_indicators(sessions: async_sessionmaker[AsyncSession], *, now: datetime) -> DisputeIndicators:
    """Registered disputes by channel, and routed disputes by route (every known code shown, zeros too)."""
    async with sessions() as session:
        registered = select(facts.c.channel).where(facts.c.registered_at.is_not(None)).subquery()
        by_channel = await _count_by(session, registered.c.channel)
        by_route = await _count_by(session, facts.c.route)
        flagged = await _flagged(session)
    return DisputeIndicators(
        total=sum(by_channel.values()),
        by_channel={c.value: 0 for c in Channel} | by_channel,
        by_route={r.value: 0 for r in Route} | by_route,
        **flagged,
        as_of=now,
        definition=DISPUTES_DEFINITION,
    )


async def mediation_indicators(sessions: async_sessionmaker[AsyncSession], *, now: datetime) -> MediationIndicators:
    """Mediations by where they stand, and the share of concluded ones that ended in agreement."""
    async with sessions() as session:
        counts = await _count_by(session, facts.c.mediation_status)
    in_progress = counts.get(MediationStatus.OPENED.value, 0)
    agreed = counts.get(MediationStatus.AGREED.value, 0)
    failed = counts.get(MediationStatus.FAILED.value, 0)
    return MediationIndicators(
        opened=in_progress + agreed + failed,
        in_progress=in_progress,
        agreed=agreed,
        failed=failed,
        success_rate=success_rate(agreed, failed),
        as_of=now,
        definition=MEDIATION_DEFINITION,
    )


async def _flagged(session: AsyncSession) -> dict[str, int]:
    def counted(condition: ColumnElement[bool]) -> Any:
        return func.count().filter(condition)

    query = select(
        counted(facts.c.major.is_(True)).label("major"),
        counted(facts.c.group_dispute.is_(True)).label("group"),
        counted(facts.c.sensitive.is_(True)).label("sensitive"),
        counted(facts.c.lead_agency_code.is_not(None)).label("lead_agency_decided"),
        counted(facts.c.withdrawn_on.is_not(None)).label("withdrawn"),
    )
    return {key: int(value) for key, value in (await session.execute(query)).one()._mapping.items()}


async def directory_indicators(sessions: async_sessionmaker[AsyncSession], *, now: datetime) -> DirectoryIndicators:
    """Units of the agency directory by kind, and those without a liaison officer (O3)."""
    current = agencies.c.removed.is_(False)
    async with sessions() as session:
        by_kind = await _count_by(session, select(agencies.c.kind).where(current).subquery().c.kind)
        without = await session.scalar(select(func.count()).where(current, agencies.c.liaison_count == 0))
    return DirectoryIndicators(
        units=sum(by_kind.values()), units_without_liaison=int(without or 0), by_kind=by_kind, as_of=now,
        definition=DIRECTORY_DEFINITION,
    )


# issue #8: the indicator catalogue -----------------------------------------------------------------

STAGE_LABELS = {
    "registered": "已登记待分流", "routed": "已分流", "mediation": "调解中", "litigation": "诉讼中",
    "resolved": "已化解", "decided": "已裁判", "withdrawn": "已撤回", "not_accepted": "不予受理",
}


def _indicator_out(indicator: Indicator) -> IndicatorOut:
    definition = indicator.definition
    return IndicatorOut(
        code=indicator.code, name=indicator.name, unit=indicator.unit, value=indicator.value,
        numerator=indicator.numerator, denominator=indicator.denominator, available=indicator.available,
        unavailable_reason=indicator.unavailable_reason, breakdown=indicator.breakdown,
        definition=DefinitionOut(numerator=definition.numerator, denominator=definition.denominator,
                                 sources=list(definition.sources), basis=definition.basis),
    )


def _scope_out(scope: Scope) -> ScopeOut:
    return ScopeOut(as_of=scope.as_of, start=scope.start, end=scope.end, agency=scope.agency)


async def indicator_set(
    sessions: async_sessionmaker[AsyncSession], scope: Scope, *, now: datetime, codes: list[str] | None = None
) -> IndicatorSet:
    """The indicators for a scope, computed from the journal as of its date."""
    async with sessions() as session:
        entries = await journal.load(session, until=scope.as_of)
    return IndicatorSet(scope=_scope_out(scope), computed_at=now,
                        indicators=[_indicator_out(i) for i in rates.compute(entries, scope, codes)])


async def agency_names(session: AsyncSession) -> dict[str, str]:
    """The directory's names of the agencies (O3)."""
    rows = (await session.execute(select(agencies.c.code, agencies.c.name_zh))).all()
    return {code: name for code, name in rows if name}


async def agency_comparison(sessions: async_sessionmaker[AsyncSession], scope: Scope) -> AgencyComparison:
    """Every indicator per agency."""
    async with sessions() as session:
        entries = await journal.load(session, until=scope.as_of)
        names = await agency_names(session)
    rows = []
    for code in rates.agencies_in(entries, scope.as_of):
        per = replace(scope, agency=code)
        computed = rates.compute(entries, per)
        rows.append(AgencyRow(agency_code=code, agency_name=names.get(code),
                              indicators={i.code: _indicator_out(i) for i in computed}))
    return AgencyComparison(scope=_scope_out(scope), agencies=rows)


async def trend(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, months: int, as_of: date | None, agency: str | None
) -> Trend:
    """Monthly counts over the last ``months`` months ending with ``as_of`` (or today)."""
    end = as_of or local_date(now)
    names = recent_months(end, months)
    async with sessions() as session:
        entries = as_of_entries(await journal.load(session, until=end), end)
        raised = (await session.execute(select(early_warnings.c.raised_on, early_warnings.c.agency_code))).all()
    warning_counts = Counter(
        day.strftime("%Y-%m") for day, code in raised if day <= end and (agency is None or code == agency)
    )
    series = {
        "registered": rates.monthly_counts(entries, Kind.REGISTERED, names, agency),
        "agreed": rates.monthly_counts(entries, Kind.AGREEMENT_REACHED, names, agency),
        "filed": rates.monthly_counts(entries, Kind.CASE_FILED, names, agency),
        "warnings": [warning_counts.get(m, 0) for m in names],
    }
    return Trend(months=names, series=series, definition=TREND_DEFINITION)


TREND_DEFINITION = (
    "按月计数：registered 为当月登记的争议数（登记日），agreed 为当月达成和解协议的争议数（协议日），"
    "filed 为当月法院立案的案件数（立案日），warnings 为当月发出的预警数。按机关筛选时，以事件所涉机关为准。"
)
STAGES_DEFINITION = (
    "每件争议计入其截至当日已到达的最远阶段：已登记待分流、已分流、调解中、诉讼中；已化解（达成和解协议或调解结案）、"
    "已裁判、已撤回、不予受理为已结束的阶段。"
)


async def stages(sessions: async_sessionmaker[AsyncSession], *, as_of: date | None) -> Stages:
    """Disputes by the stage they stand at."""
    async with sessions() as session:
        entries = await journal.load(session, until=as_of)
    counts = rates.cases_by_stage(entries, as_of)
    return Stages(as_of=as_of, by_stage={key: counts.get(key, 0) for key in STAGE_LABELS}, labels=STAGE_LABELS,
                  definition=STAGES_DEFINITION)


async def positions(sessions: async_sessionmaker[AsyncSession]) -> Positions:
    """The projections' stream positions."""
    async with sessions() as session:
        return Positions(positions=await journal.positions(session), journal_size=await journal.count(session))
