"""Use cases of judicial suggestions (K3, C5, M10): drafts from triggers or by hand, issue, reply, overdue."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from adr_contracts.court import (
    JudicialSuggestionIssuedV1,
    JudicialSuggestionOverdueV1,
    JudicialSuggestionRepliedV1,
)
from adr_contracts.vocabulary import SuggestionKind
from adr_court_bridge.domain.case_numbers import suggestion_number
from adr_court_bridge.domain.deadlines import Periods
from adr_court_bridge.domain.errors import RecordNotFound
from adr_court_bridge.domain.suggestions import Suggestion, SuggestionStatus, Trigger
from adr_court_bridge.store.tables import suggestions
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.ids import new_uuid7

DRAFT_TEXT = {
    Trigger.OBLIGATION_OVERDUE: "经调解达成的协议中，该机关承担的义务已逾期未履行，建议督促依约履行并报告结果。",
    Trigger.HEAD_ABSENT: "该机关负责人经通知无正当理由未出庭应诉，建议依法督促整改并将处理结果函告本院。",
    Trigger.WARNING: "一定期间内同类行政争议集中发生，建议查找共性问题、完善制度、规范执法。",
}


@dataclass(frozen=True)
class Draft:
    trigger: Trigger
    kind: SuggestionKind
    topic_code: str
    content: str
    agency_code: str | None = None
    case_id: UUID | None = None
    related_case_ids: tuple[UUID, ...] = ()
    source_ref: str | None = None


async def propose(draft: Draft, uow: CourtBridgeUnitOfWork, *, now: datetime) -> UUID | None:
    """Adds a draft inside the caller's open unit of work; one draft per trigger (``source_ref``)."""
    if draft.source_ref is not None:
        existing = await uow.session.scalar(
            select(suggestions.c.id).where(suggestions.c.source_ref == draft.source_ref)
        )
        if existing is not None:
            return None
    suggestion_id = new_uuid7()
    await uow.session.execute(
        insert(suggestions).values(
            id=suggestion_id,
            status=SuggestionStatus.DRAFT.value,
            kind=draft.kind.value,
            trigger=draft.trigger.value,
            source_ref=draft.source_ref,
            case_id=draft.case_id,
            agency_code=draft.agency_code,
            topic_code=draft.topic_code,
            related_case_ids=[str(c) for c in draft.related_case_ids],
            content=draft.content,
            created_at=now,
        )
    )
    uow.note(
        draft.case_id, "court.suggestion.drafted", now, suggestion_id=str(suggestion_id), trigger=draft.trigger.value
    )
    return suggestion_id


async def draft_by_hand(draft: Draft, uow: CourtBridgeUnitOfWork, *, now: datetime) -> UUID:
    """Staff draft a suggestion themselves."""
    async with uow:
        suggestion_id = await propose(draft, uow, now=now)
        await uow.commit()
    assert suggestion_id is not None
    return suggestion_id


async def issue(
    suggestion_id: UUID,
    uow: CourtBridgeUnitOfWork,
    *,
    prefix: str,
    periods: Periods,
    issued_on: date,
    reply_months: int | None,
    agency_code: str | None,
    now: datetime,
) -> str:
    """Issues a draft with its number and reply deadline (RULES.md §5.1); returns the letter's number."""
    async with uow:
        suggestion = await _load(uow, suggestion_id)
        serial = await uow.next_serial("suggestion", issued_on.year)
        number = suggestion_number(prefix, year=issued_on.year, serial=serial)
        due = periods.reply_due(issued_on, reply_months).day
        suggestion.issue(suggestion_no=number, issued_on=issued_on, reply_due_on=due, agency_code=agency_code)
        await _save(uow, suggestion)
        assert suggestion.agency_code is not None
        uow.publish(
            JudicialSuggestionIssuedV1(
                suggestion_id=suggestion.id,
                suggestion_no=number,
                kind=SuggestionKind(suggestion.kind),
                agency_code=suggestion.agency_code,
                topic_code=suggestion.topic_code,
                issued_on=issued_on,
                reply_due_on=due,
                related_case_ids=list(suggestion.related_case_ids),
            ),
            case_id=suggestion.case_id or suggestion.id,
            at=now,
        )
        await uow.commit()
    return number


async def reply(
    suggestion_id: UUID, uow: CourtBridgeUnitOfWork, *, replied_on: date, adopted: bool, measures: str, now: datetime
) -> int:
    """Records the agency's reply and measures; returns the days it came late."""
    async with uow:
        suggestion = await _load(uow, suggestion_id)
        late = suggestion.reply(replied_on=replied_on, adopted=adopted, measures=measures)
        await _save(uow, suggestion)
        assert suggestion.agency_code is not None and suggestion.reply_due_on is not None
        uow.publish(
            JudicialSuggestionRepliedV1(
                suggestion_id=suggestion.id,
                agency_code=suggestion.agency_code,
                replied_on=replied_on,
                reply_due_on=suggestion.reply_due_on,
                days_late=late,
                adopted=adopted,
            ),
            case_id=suggestion.case_id or suggestion.id,
            at=now,
        )
        await uow.commit()
    return late


async def drop(suggestion_id: UUID, uow: CourtBridgeUnitOfWork, *, now: datetime) -> None:
    """Decides not to issue a proposed draft."""
    async with uow:
        suggestion = await _load(uow, suggestion_id)
        suggestion.drop()
        await _save(uow, suggestion)
        uow.note(suggestion.case_id, "court.suggestion.dropped", now, suggestion_id=str(suggestion_id))
        await uow.commit()


async def sweep_overdue(uow: CourtBridgeUnitOfWork, *, today: date, now: datetime) -> int:
    """Publishes one overdue notice per unanswered suggestion past its deadline (idempotent)."""
    async with uow:
        rows = (
            await uow.session.execute(
                select(suggestions).where(
                    suggestions.c.status == SuggestionStatus.ISSUED.value,
                    suggestions.c.overdue_noticed_on.is_(None),
                    suggestions.c.reply_due_on < today,
                )
            )
        ).all()
        count = 0
        for row in rows:
            suggestion = _to_domain(row._mapping)
            if suggestion.notice_overdue(today):
                await _save(uow, suggestion)
                assert suggestion.agency_code is not None and suggestion.reply_due_on is not None
                uow.publish(
                    JudicialSuggestionOverdueV1(
                        suggestion_id=suggestion.id,
                        agency_code=suggestion.agency_code,
                        reply_due_on=suggestion.reply_due_on,
                        noticed_on=today,
                    ),
                    case_id=suggestion.case_id or suggestion.id,
                    at=now,
                )
                count += 1
        await uow.commit()
    return count


async def _load(uow: CourtBridgeUnitOfWork, suggestion_id: UUID) -> Suggestion:
    row = (await uow.session.execute(select(suggestions).where(suggestions.c.id == suggestion_id))).one_or_none()
    if row is None:
        raise RecordNotFound("司法建议", suggestion_id)
    return _to_domain(row._mapping)


async def _save(uow: CourtBridgeUnitOfWork, suggestion: Suggestion) -> None:
    await uow.session.execute(
        update(suggestions)
        .where(suggestions.c.id == suggestion.id)
        .values(
            status=suggestion.status.value,
            agency_code=suggestion.agency_code,
            suggestion_no=suggestion.suggestion_no,
            issued_on=suggestion.issued_on,
            reply_due_on=suggestion.reply_due_on,
            replied_on=suggestion.replied_on,
            adopted=suggestion.adopted,
            measures=suggestion.measures,
            overdue_noticed_on=suggestion.overdue_noticed_on,
        )
    )


def _to_domain(row: Any) -> Suggestion:
    return Suggestion(
        id=row["id"],
        kind=row["kind"],
        trigger=Trigger(row["trigger"]),
        topic_code=row["topic_code"],
        content=row["content"],
        agency_code=row["agency_code"],
        case_id=row["case_id"],
        related_case_ids=tuple(UUID(c) for c in row["related_case_ids"]),
        status=SuggestionStatus(row["status"]),
        suggestion_no=row["suggestion_no"],
        issued_on=row["issued_on"],
        reply_due_on=row["reply_due_on"],
        replied_on=row["replied_on"],
        adopted=row["adopted"],
        measures=row["measures"],
        overdue_noticed_on=row["overdue_noticed_on"],
    )
