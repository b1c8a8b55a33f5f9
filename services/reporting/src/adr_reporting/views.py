"""Read-only queries behind the indicators (counts over the read models)."""

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts.vocabulary import Channel, Route
from adr_reporting.api.schemas import DirectoryIndicators, DisputeIndicators, MediationIndicators
from adr_reporting.domain.facts import MediationStatus
from adr_reporting.domain.indicators import (
    DIRECTORY_DEFINITION,
    DISPUTES_DEFINITION,
    MEDIATION_DEFINITION,
    success_rate,
)
from adr_reporting.store.tables import agencies
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
