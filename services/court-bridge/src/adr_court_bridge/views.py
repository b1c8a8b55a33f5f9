"""Read-only queries behind the API (no domain objects, no events)."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_court_bridge.api.schemas import FiledView, FilingEntryView, FilingQueuePage, SourceView
from adr_court_bridge.domain.errors import FilingEntryNotFound, RecordNotFound
from adr_court_bridge.store.tables import (
    authorisations,
    complaint_services,
    confirmations,
    court_cases,
    decisions,
    enforcement_reviews,
    evidence_files,
    filing_queue,
    hearings,
    messaging,
    observations,
    qa_sessions,
    resolution_plans,
    suggestions,
)

case_history = messaging.case_history


def _view(row: Any) -> FilingEntryView:
    data = dict(row._mapping)
    sources = [SourceView.model_validate(s) for s in data.pop("sources")]
    first = min(sources, key=lambda s: s.at)
    data.pop("version")
    return FilingEntryView(**data, source=first.source, sources=sources)


async def filing_entry(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> FilingEntryView:
    """One dispute's entry in the filing queue."""
    async with sessions() as session:
        row = (await session.execute(select(filing_queue).where(filing_queue.c.case_id == case_id))).one_or_none()
    if row is None:
        raise FilingEntryNotFound(case_id)
    return _view(row)


async def filing_queue_page(
    sessions: async_sessionmaker[AsyncSession], *, status: str | None, limit: int, offset: int
) -> FilingQueuePage:
    """The queue, newest first (by the time the dispute was first sent to filing)."""
    query = select(filing_queue)
    if status:
        query = query.where(filing_queue.c.status == status)
    ordered = query.order_by(filing_queue.c.queued_at.desc(), filing_queue.c.case_id.desc())
    async with sessions() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        rows = (await session.execute(ordered.limit(limit).offset(offset))).all()
    return FilingQueuePage(items=[_view(r) for r in rows], total=int(total or 0))


async def filed_case(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> FiledView:
    """A filed case's number and dates."""
    async with sessions() as session:
        row = (await session.execute(select(court_cases).where(court_cases.c.case_id == case_id))).one_or_none()
    if row is None:
        raise RecordNotFound("已立案案件", case_id)
    return FiledView.model_validate(dict(row._mapping))


# --- the studio's records (issue #6) ---


class AppearanceCounts(BaseModel):
    """Raw counts of held hearings behind the appearance rate (RULES.md §4.3); the rate depends on the choice."""

    hearings_held: int
    head_appeared: int
    head_appeared_and_spoke: int
    shall_hearings: int
    shall_head_appeared: int
    staff_only: int
    lawyer_only_or_none: int
    first_instance_held: int
    first_instance_head_appeared: int
    cases_with_hearing: int
    cases_with_head_appearance: int
    rate_by_hearings: float | None = Field(description="head_appeared / hearings_held (all instances)")


async def appearance_counts(
    sessions: async_sessionmaker[AsyncSession], *, agency_code: str | None, since: date | None, until: date | None
) -> AppearanceCounts:
    query = select(hearings).where(hearings.c.status == "held")
    if agency_code:
        query = query.where(hearings.c.agency_code == agency_code)
    if since:
        query = query.where(hearings.c.held_on >= since)
    if until:
        query = query.where(hearings.c.held_on <= until)
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    head = [r for r in rows if r.appeared == "head"]
    shall = [r for r in rows if r.head_required == "shall"]
    first = [r for r in rows if r.instance == "first"]
    return AppearanceCounts(
        hearings_held=len(rows),
        head_appeared=len(head),
        head_appeared_and_spoke=sum(1 for r in head if r.spoke_to_substance),
        shall_hearings=len(shall),
        shall_head_appeared=sum(1 for r in shall if r.appeared == "head"),
        staff_only=sum(1 for r in rows if r.appeared == "staff"),
        lawyer_only_or_none=sum(1 for r in rows if r.appeared in ("lawyer_only", "none")),
        first_instance_held=len(first),
        first_instance_head_appeared=sum(1 for r in first if r.appeared == "head"),
        cases_with_hearing=len({r.case_id for r in rows}),
        cases_with_head_appearance=len({r.case_id for r in head}),
        rate_by_hearings=round(len(head) / len(rows), 4) if rows else None,
    )


class ConfirmationView(BaseModel):
    agreement_id: UUID
    case_id: UUID
    mediation_case_id: UUID
    requested_on: date
    agreed_on: date
    agency_codes: list[str]
    obligation_count: int
    status: str
    outcome: str | None
    ruling_no: str | None
    ruled_on: date | None


async def confirmation_list(sessions: async_sessionmaker[AsyncSession], status: str | None) -> list[ConfirmationView]:
    query = select(confirmations).order_by(confirmations.c.received_at.desc())
    if status:
        query = query.where(confirmations.c.status == status)
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    return [ConfirmationView.model_validate(dict(r._mapping)) for r in rows]


class SuggestionView(BaseModel):
    id: UUID
    status: str
    kind: str
    trigger: str
    case_id: UUID | None
    agency_code: str | None
    topic_code: str
    related_case_ids: list[UUID]
    content: str
    suggestion_no: str | None
    issued_on: date | None
    reply_due_on: date | None
    replied_on: date | None
    adopted: bool | None
    measures: str | None
    overdue_noticed_on: date | None
    created_at: datetime


async def suggestion_list(
    sessions: async_sessionmaker[AsyncSession], status: str | None, case_id: UUID | None = None
) -> list[SuggestionView]:
    query = select(suggestions).order_by(suggestions.c.created_at.desc(), suggestions.c.id.desc())
    if status:
        query = query.where(suggestions.c.status == status)
    if case_id:
        query = query.where(suggestions.c.case_id == case_id)
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    return [SuggestionView.model_validate(dict(r._mapping)) for r in rows]


class EnforcementView(BaseModel):
    id: UUID
    review_no: str
    agency_code: str
    act_doc_no: str
    applied_on: date
    accepted_on: date
    review_due_on: date
    outcome: str | None
    reasons: str | None
    ruled_on: date | None


async def enforcement_list(sessions: async_sessionmaker[AsyncSession]) -> list[EnforcementView]:
    async with sessions() as session:
        rows = (
            await session.execute(select(enforcement_reviews).order_by(enforcement_reviews.c.recorded_at.desc()))
        ).all()
    return [EnforcementView.model_validate(dict(r._mapping)) for r in rows]


class EvidenceView(BaseModel):
    id: UUID
    filename: str
    content_type: str
    size: int
    sha256: str


class PlanView(BaseModel):
    plan_id: UUID
    version: int
    agency_code: str
    submitted_on: date
    defence_due_on: date
    on_time: bool
    cause: str
    earlier_steps: str
    next_measures: str
    agency_decision: str | None
    responding_unit: str | None
    sealing_documents: list[str]
    major_case_argument: str | None
    evidence: list[EvidenceView]


class CaseRecord(BaseModel):
    """A filed case with everything the studio recorded about it."""

    filing: FiledView
    agency_codes: list[str]
    services: list[dict[str, Any]]
    plans: list[PlanView]
    authorisations: list[dict[str, Any]]
    hearings: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    qa_sessions: list[dict[str, Any]]
    observations: list[dict[str, Any]]
    suggestions: list[SuggestionView]
    history: list[dict[str, Any]]


def _rows(rows: Any, *, drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{k: v for k, v in r._mapping.items() if k not in drop} for r in rows]


async def case_record(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> CaseRecord:
    filing = await filed_case(sessions, case_id)
    async with sessions() as session:

        async def all_of(table: Any, order: Any) -> Any:
            return (await session.execute(select(table).where(table.c.case_id == case_id).order_by(order))).all()

        plans = await all_of(resolution_plans, resolution_plans.c.version)
        files = await all_of(evidence_files, evidence_files.c.filename)
        record = CaseRecord(
            filing=filing,
            agency_codes=filing_agency_codes(await all_of(court_cases, court_cases.c.filed_on)),
            services=_rows(await all_of(complaint_services, complaint_services.c.served_on), drop=("case_id",)),
            plans=_plan_views(plans, files),
            authorisations=_rows(await all_of(authorisations, authorisations.c.recorded_at), drop=("case_id",)),
            hearings=_rows(await all_of(hearings, hearings.c.hearing_on), drop=("case_id",)),
            decisions=_rows(await all_of(decisions, decisions.c.issued_on), drop=("case_id",)),
            qa_sessions=_rows(await all_of(qa_sessions, qa_sessions.c.held_on), drop=("case_id",)),
            observations=_rows(await all_of(observations, observations.c.invited_on), drop=("case_id",)),
            suggestions=[],
            history=_rows(await _history(session, case_id)),
        )
    record.suggestions = await suggestion_list(sessions, None, case_id)
    return record


def _plan_views(plans: Any, files: Any) -> list[PlanView]:
    """Each plan version with the evidence files submitted with it."""
    return [
        PlanView.model_validate(
            {**dict(p._mapping), "evidence": [EvidenceView.model_validate(dict(f._mapping)) for f in files
                                              if f.plan_row_id == p.id]}
        )
        for p in plans
    ]


async def _history(session: AsyncSession, case_id: UUID) -> Any:
    """The case's history lines in the order they happened."""
    history = case_history
    query = (
        select(history.c.occurred_at, history.c.actor, history.c.action, history.c.details)
        .where(history.c.case_id == case_id)
        .order_by(history.c.occurred_at, history.c.id)
    )
    return (await session.execute(query)).all()


def filing_agency_codes(rows: Any) -> list[str]:
    return list(rows[0].agency_codes) if rows else []
