"""Loading the figures of an annual or thematic analysis (M9) from the service's records."""

from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_procuratorate_bridge.domain.reports import Analysis, Period, SuggestionFact, analyse
from adr_procuratorate_bridge.domain.suggestions import SuggestionStatus
from adr_procuratorate_bridge.store.tables import (
    assistance_applications,
    evaluations,
    hearings,
    shared_records,
    suggestions,
)
from adr_runtime.clock import DISTRICT_TZ


def _fact(r: Any) -> SuggestionFact:
    return SuggestionFact(
        agency_code=r.agency_code, topic_code=r.topic_code, kind=r.kind, issued_on=r.issued_on,
        replied=r.status == SuggestionStatus.REPLIED.value, adopted=bool(r.adopted),
        overdue=r.overdue_noticed_on is not None or bool(r.days_late),
    )


async def load_analysis(
    sessions: async_sessionmaker[AsyncSession], *, title: str, period: Period, topic_code: str | None = None
) -> Analysis:
    """The analysis of a period; with a topic, a thematic analysis of that topic's suggestions only."""
    earliest = period.previous().start
    query = select(suggestions).where(
        suggestions.c.issued_on.is_not(None), suggestions.c.issued_on.between(earliest, period.end)
    )
    if topic_code is not None:
        query = query.where(suggestions.c.topic_code == topic_code)
    async with sessions() as session:
        facts = [_fact(r) for r in (await session.execute(query)).all()]
        if topic_code is not None:
            return analyse(title=title, period=period, suggestions=facts, theme=topic_code)
        outcomes = (await session.execute(
            select(hearings.c.outcome).where(hearings.c.held_on.between(period.start, period.end))
        )).scalars().all()
        decided = (await session.execute(
            select(assistance_applications.c.granted, assistance_applications.c.amount_fen).where(
                assistance_applications.c.decided_on.between(period.start, period.end)
            )
        )).all()
        closed = (await session.execute(
            select(evaluations.c.findings).where(evaluations.c.closed_on.between(period.start, period.end))
        )).scalars().all()
        start = datetime.combine(period.start, time(), DISTRICT_TZ).astimezone(UTC)
        end = datetime.combine(period.end + timedelta(days=1), time(), DISTRICT_TZ).astimezone(UTC)
        kinds = (await session.execute(
            select(shared_records.c.kind).where(
                shared_records.c.received_at >= start, shared_records.c.received_at < end
            )
        )).scalars().all()
    return analyse(
        title=title, period=period, suggestions=facts, hearing_outcomes=[o for o in outcomes if o],
        assistance=[(bool(g), a) for g, a in decided],
        evaluation_ratings=[f["rating"] for findings in closed for f in findings], shared_kinds=list(kinds),
    )
