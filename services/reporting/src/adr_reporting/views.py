"""Read-only queries behind the indicators (counts over the read models)."""

from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts.vocabulary import Channel, Route
from adr_reporting.api.schemas import DisputeIndicators, MediationIndicators
from adr_reporting.domain.facts import MediationStatus
from adr_reporting.domain.indicators import DISPUTES_DEFINITION, MEDIATION_DEFINITION, success_rate
from adr_reporting.store.tables import dispute_facts as facts


async def _count_by(session: AsyncSession, column: ColumnElement[str | None]) -> dict[str, int]:
    query = select(column, func.count()).where(column.is_not(None)).group_by(column)
    return {str(key): int(n) for key, n in (await session.execute(query)).all()}


async def dispute_indicators(sessions: async_sessionmaker[AsyncSession], *, now: datetime) -> DisputeIndicators:
    """Registered disputes by channel, and routed disputes by route (every known code shown, zeros too)."""
    async with sessions() as session:
        registered = select(facts.c.channel).where(facts.c.registered_at.is_not(None)).subquery()
        by_channel = await _count_by(session, registered.c.channel)
        by_route = await _count_by(session, facts.c.route)
    return DisputeIndicators(
        total=sum(by_channel.values()),
        by_channel={c.value: 0 for c in Channel} | by_channel,
        by_route={r.value: 0 for r in Route} | by_route,
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
