"""Read-only queries about suggestions (API and pages)."""

from datetime import date
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_procuratorate_bridge import labels
from adr_procuratorate_bridge.api.suggestion_schemas import (
    SuggestionPage,
    SuggestionView,
    SupervisionItem,
    SupervisionList,
)
from adr_procuratorate_bridge.domain.errors import NotFound
from adr_procuratorate_bridge.domain.suggestions import ReplyRules, Suggestion, SuggestionStatus
from adr_procuratorate_bridge.store.suggestions import to_suggestion
from adr_procuratorate_bridge.store.tables import suggestions


def view_of(suggestion: Suggestion, *, today: date, rules: ReplyRules) -> SuggestionView:
    """The staff view of a suggestion, with today's deadline warning."""
    values = {k: v for k, v in suggestion.__dict__.items() if k != "events"}
    return SuggestionView.model_validate(
        values | {"measures": list(suggestion.measures), "warning": suggestion.warning(today, rules)}
    )


async def load(sessions: async_sessionmaker[AsyncSession], suggestion_id: UUID) -> Suggestion:
    """One suggestion, read only."""
    async with sessions() as session:
        row = (await session.execute(select(suggestions).where(suggestions.c.id == suggestion_id))).first()
    if row is None:
        raise NotFound(f"未找到检察建议 {suggestion_id}")
    return to_suggestion(row)


async def suggestion_page(
    sessions: async_sessionmaker[AsyncSession],
    *,
    today: date,
    rules: ReplyRules,
    status: SuggestionStatus | None = None,
    agency_code: str | None = None,
    case_id: UUID | None = None,
    limit: int = 50,
    offset: int = 0,
) -> SuggestionPage:
    """Suggestions, the nearest reply deadline first (drafts last)."""
    query = select(suggestions)
    if status is not None:
        query = query.where(suggestions.c.status == status.value)
    if agency_code is not None:
        query = query.where(suggestions.c.agency_code == agency_code)
    if case_id is not None:
        query = query.where(suggestions.c.case_id == case_id)
    ordered = query.order_by(
        suggestions.c.reply_due_on.is_(None), suggestions.c.reply_due_on, suggestions.c.created_at.desc()
    )
    async with sessions() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        rows = (await session.execute(ordered.limit(limit).offset(offset))).all()
    items = [view_of(to_suggestion(r), today=today, rules=rules) for r in rows]
    return SuggestionPage(items=items, total=int(total or 0))


async def supervision_list(sessions: async_sessionmaker[AsyncSession], *, year: int | None = None) -> SupervisionList:
    """Issued suggestions for publication: numbers, agencies, topics, dates and replies; no case, no text."""
    query = select(suggestions).where(suggestions.c.status != SuggestionStatus.DRAFT.value)
    if year is not None:
        query = query.where(suggestions.c.issued_on.between(date(year, 1, 1), date(year, 12, 31)))
    async with sessions() as session:
        rows = (await session.execute(query.order_by(suggestions.c.issued_on, suggestions.c.suggestion_no))).all()
    items = [
        SupervisionItem(
            suggestion_no=r.suggestion_no, kind=r.kind, kind_label=labels.SUGGESTION_KINDS[r.kind],
            agency_code=r.agency_code, topic_code=r.topic_code, issued_on=r.issued_on, reply_due_on=r.reply_due_on,
            status=r.status, replied_on=r.replied_on, adopted=r.adopted, days_late=r.days_late,
        )
        for r in rows
    ]
    return SupervisionList(
        items=items,
        issued=len(items),
        replied=sum(i.status is SuggestionStatus.REPLIED for i in items),
        adopted=sum(bool(i.adopted) for i in items),
        overdue=sum(i.status is SuggestionStatus.OVERDUE or bool(i.days_late) for i in items),
    )
