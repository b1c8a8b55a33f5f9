"""Procuratorate-bridge's use cases: each loads, asks the domain, and commits through the unit of work."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from adr_procuratorate_bridge.domain.suggestions import ReplyRules, Suggestion, SuggestionKind
from adr_procuratorate_bridge.uow import ProcuratorateUnitOfWork
from adr_runtime.clock import local_date
from adr_runtime.ids import new_uuid7
from adr_runtime.legal_time import HolidayCalendar


@dataclass(frozen=True)
class DraftSuggestion:
    kind: SuggestionKind
    agency_code: str
    topic_code: str
    findings: str
    recommendations: str
    case_id: UUID | None = None
    legal_basis: str = ""
    urgent: bool = False
    evaluation_id: UUID | None = None


async def draft_suggestion(cmd: DraftSuggestion, uow: ProcuratorateUnitOfWork, *, now: datetime) -> UUID:
    """Keeps a draft suggestion (nothing is published yet); returns its id."""
    async with uow:
        suggestion = Suggestion.draft(id=new_uuid7(), **cmd.__dict__)
        await uow.suggestions.add(suggestion, now=now)
        await uow.commit()
    return suggestion.id


async def issue_suggestion(
    suggestion_id: UUID,
    uow: ProcuratorateUnitOfWork,
    *,
    served_on: date,
    now: datetime,
    number_format: str,
    rules: ReplyRules,
    calendar: HolidayCalendar | None = None,
) -> None:
    """Issues a draft with its number and its reply deadline; publishes ProcuratorialSuggestionIssuedV1."""
    async with uow:
        uow.occurred_at = now
        suggestion = await uow.suggestions.get(suggestion_id)
        seq = await uow.suggestions.next_seq(served_on.year)
        suggestion.issue(
            suggestion_no=number_format.format(year=served_on.year, seq=seq), served_on=served_on, rules=rules,
            calendar=calendar,
        )
        await uow.suggestions.save(suggestion)
        await uow.commit()


async def reply_to_suggestion(
    suggestion_id: UUID,
    uow: ProcuratorateUnitOfWork,
    *,
    replied_on: date,
    adopted: bool,
    measures: tuple[str, ...],
    summary: str,
    now: datetime,
) -> None:
    """Records the agency's reply and measures; publishes ProcuratorialSuggestionRepliedV1."""
    async with uow:
        uow.occurred_at = now
        suggestion = await uow.suggestions.get(suggestion_id)
        suggestion.reply(replied_on=replied_on, adopted=adopted, measures=measures, summary=summary)
        await uow.suggestions.save(suggestion)
        await uow.commit()


async def sweep_overdue(uow: ProcuratorateUnitOfWork, *, now: datetime) -> list[UUID]:
    """Notices every unanswered suggestion past its deadline, once (ProcuratorialSuggestionOverdueV1 each).

    Driven by the database: running it again, or in two processes at once, notices nothing twice.
    """
    today = local_date(now)
    async with uow:
        uow.occurred_at = now
        noticed = []
        for suggestion in await uow.suggestions.unanswered_past_due(today):
            if suggestion.notice_overdue(today):
                await uow.suggestions.save(suggestion)
                noticed.append(suggestion.id)
        await uow.commit()
    return noticed
