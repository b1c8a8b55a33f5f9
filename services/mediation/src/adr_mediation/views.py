"""Read-only queries behind the API and the pages (no domain objects changed, no events)."""

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_mediation.api.schemas import (
    AgreementView,
    FailureView,
    MediationCasePage,
    MediationCaseView,
    ObligationView,
    SignatureView,
)
from adr_mediation.domain.errors import MediationCaseNotFound
from adr_mediation.domain.model import MediationStatus, period_warning
from adr_mediation.store.repository import agreement_from
from adr_mediation.store.tables import (
    agreements,
    assignments,
    follow_ups,
    head_notices,
    mediation_cases,
    messaging,
    obligations,
    people,
    plans,
    resolution_plans,
    risk_assessments,
    session_people,
    sessions,
    subsidy_batches,
    subsidy_lines,
)
from adr_runtime.auth.scoping import json_list_contains
from adr_runtime.clock import DISTRICT_TZ

Sessions = async_sessionmaker[AsyncSession]


def _agreement_view(row: Any, items: list[Any]) -> AgreementView:
    agreement = agreement_from(row._mapping, [i._mapping for i in items])
    return AgreementView(
        agreement_id=agreement.id, drafted_on=agreement.drafted_on, terms=agreement.terms,
        agreed_on=agreement.agreed_on, obligation_count=agreement.obligation_count,
        total_amount_fen=agreement.total_amount_fen, confirmation_requested=agreement.confirmation_requested,
        confirmation_requested_on=agreement.confirmation_requested_on, ruling_outcome=agreement.ruling_outcome,
        ruling_no=agreement.ruling_no, ruled_on=agreement.ruled_on, enforceable=agreement.enforceable,
        signatures=[SignatureView(role=s.role, name=s.name, signed_on=s.signed_on) for s in agreement.signatures],
        obligations=[
            ObligationView(
                obligation_id=o.id, obligor_kind=o.obligor_kind, agency_code=o.agency_code, description=o.description,
                amount_fen=o.amount_fen, due_on=o.due_on, fulfilled_on=o.fulfilled_on, evidence_note=o.evidence_note,
                late=o.late, overdue_noticed_on=o.overdue_noticed_on,
            )
            for o in agreement.obligations
        ],
    )


def _view(row: Any, agreement: AgreementView | None, today: date | None) -> MediationCaseView:
    data = row._mapping
    failure = None
    if data["failed_on"] is not None:
        failure = FailureView(failed_on=data["failed_on"], reason=data["failure_reason"], next_route=data["next_route"])
    warning = None
    if today is not None:
        warning = period_warning(MediationStatus(data["status"]), data["period_ends_on"], today)
    return MediationCaseView(
        mediation_case_id=data["id"], case_id=data["case_id"], registration_no=data["registration_no"],
        agency_codes=data["agency_codes"], stage=data["stage"], status=data["status"], consent=data["consent"],
        opened_at=data["opened_at"], opened_on=data["opened_on"], period_ends_on=data["period_ends_on"],
        period_provisional=data["period_provisional"], extended_days=data["extended_days"], period_warning=warning,
        first_received_on=data["first_received_on"], restricted=bool(data["restricted_to"]),
        difficulty=data["difficulty"], agreement=agreement, failure=failure, closed_on=data["closed_on"],
        closing_outcome=data["closing_outcome"], court_case_no=data["court_case_no"], filed_on=data["filed_on"],
        reopened_count=data["reopened_count"], version=data["version"],
    )


async def _agreements(session: AsyncSession, ids: list[UUID]) -> dict[UUID, AgreementView]:
    if not ids:
        return {}
    rows = (await session.execute(select(agreements).where(agreements.c.id.in_(ids)))).all()
    items = (await session.execute(
        select(obligations).where(obligations.c.agreement_id.in_(ids)).order_by(obligations.c.seq)
    )).all()
    return {row.id: _agreement_view(row, [i for i in items if i.agreement_id == row.id]) for row in rows}


async def case_and_restriction(
    sessions_: Sessions, mediation_case_id: UUID, *, today: date | None = None
) -> tuple[MediationCaseView, tuple[str, ...]]:
    """One mediation case, with the subjects it is restricted to (none: not restricted, O3)."""
    async with sessions_() as session:
        row = (await session.execute(select(mediation_cases).where(mediation_cases.c.id == mediation_case_id))
               ).one_or_none()
        if row is None:
            raise MediationCaseNotFound(mediation_case_id)
        found = await _agreements(session, [row.agreement_id] if row.agreement_id else [])
    return _view(row, found.get(row.agreement_id), today), tuple(row.restricted_to or ())


async def mediation_case(
    sessions_: Sessions, mediation_case_id: UUID, *, today: date | None = None
) -> MediationCaseView:
    """One mediation case."""
    return (await case_and_restriction(sessions_, mediation_case_id, today=today))[0]


async def mediation_case_page(
    sessions_: Sessions, *, status: str | None, case_id: UUID | None, limit: int, offset: int,
    agency: str | None = None, viewer: str | None = None, statuses: tuple[str, ...] = (),
    person_username: str | None = None, today: date | None = None,
) -> MediationCasePage:
    """Mediation cases newest first, filtered by status, dispute, agency (O3), restriction, or assigned person."""
    query = select(mediation_cases)
    if agency:
        query = query.where(json_list_contains(mediation_cases.c.agency_codes, agency))
    if viewer is not None:
        restricted_to = mediation_cases.c.restricted_to
        query = query.where(or_(restricted_to.is_(None), json_list_contains(restricted_to, viewer)))
    if status:
        query = query.where(mediation_cases.c.status == status)
    if statuses:
        query = query.where(mediation_cases.c.status.in_(statuses))
    if case_id:
        query = query.where(mediation_cases.c.case_id == case_id)
    if person_username:
        mine = (select(assignments.c.mediation_case_id).join(people, people.c.id == assignments.c.person_id)
                .where(people.c.username == person_username))
        staffed = select(assignments.c.mediation_case_id).where(assignments.c.role.in_(("lead", "co")))
        # a mediator's own cases, and those nobody mediates yet (to be picked up)
        query = query.where(or_(mediation_cases.c.id.in_(mine), mediation_cases.c.id.not_in(staffed)))
    newest_first = query.order_by(mediation_cases.c.opened_at.desc(), mediation_cases.c.id.desc())
    async with sessions_() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        rows = (await session.execute(newest_first.limit(limit).offset(offset))).all()
        found = await _agreements(session, [r.agreement_id for r in rows if r.agreement_id])
    items = [_view(r, found.get(r.agreement_id), today) for r in rows]
    return MediationCasePage(items=items, total=int(total or 0))


async def workspace(sessions_: Sessions, case: MediationCaseView) -> dict[str, Any]:
    """Everything the case workspace shows beside the case: people, sessions, plans, risks, visits, timeline."""
    mid = case.mediation_case_id
    async with sessions_() as session:
        team = (await session.execute(
            select(people, assignments.c.role).join(assignments, assignments.c.person_id == people.c.id)
            .where(assignments.c.mediation_case_id == mid).order_by(assignments.c.assigned_at)
        )).all()
        meetings = (await session.execute(select(sessions).where(sessions.c.mediation_case_id == mid)
                                          .order_by(sessions.c.starts_at))).all()
        attendance = (await session.execute(
            select(session_people.c.session_id, session_people.c.attended, people.c.name)
            .join(people, people.c.id == session_people.c.person_id)
            .where(session_people.c.session_id.in_([m.id for m in meetings]))
        )).all() if meetings else []
        plan_rows = (await session.execute(select(plans).where(plans.c.mediation_case_id == mid)
                                           .order_by(plans.c.version.desc()))).all()
        agency_plans = (await session.execute(select(resolution_plans).where(resolution_plans.c.case_id == case.case_id)
                                              .order_by(resolution_plans.c.version.desc()))).all()
        risks = (await session.execute(select(risk_assessments).where(risk_assessments.c.mediation_case_id == mid)
                                       .order_by(risk_assessments.c.assessed_on.desc()))).all()
        visits = (await session.execute(select(follow_ups).where(follow_ups.c.mediation_case_id == mid)
                                        .order_by(follow_ups.c.visited_on))).all()
        notices = (await session.execute(select(head_notices).where(head_notices.c.mediation_case_id == mid)
                                         .order_by(head_notices.c.sent_on))).all()
        history = messaging.case_history
        timeline = (await session.execute(select(history).where(history.c.case_id == case.case_id)
                                          .order_by(history.c.occurred_at, history.c.id))).all()
    return {
        "team": team, "sessions": meetings, "attendance": attendance, "plans": plan_rows,
        "agency_plans": agency_plans, "risks": risks, "follow_ups": visits, "notices": notices,
        "timeline": timeline,
    }


async def obligations_board(sessions_: Sessions, *, viewer: str | None, agency: str | None) -> list[Any]:
    """Unperformed obligations of agreements being performed, earliest due first."""
    query = (
        select(obligations, mediation_cases.c.registration_no)
        .join(mediation_cases, mediation_cases.c.agreement_id == obligations.c.agreement_id)
        .where(mediation_cases.c.status == MediationStatus.PERFORMING.value, obligations.c.fulfilled_on.is_(None))
        .order_by(obligations.c.due_on)
    )
    if agency:
        query = query.where(json_list_contains(mediation_cases.c.agency_codes, agency))
    if viewer is not None:
        restricted_to = mediation_cases.c.restricted_to
        query = query.where(or_(restricted_to.is_(None), json_list_contains(restricted_to, viewer)))
    async with sessions_() as session:
        return list((await session.execute(query)).all())


async def calendar(sessions_: Sessions, *, viewer: str | None, agency: str | None, since: date) -> list[Any]:
    """Scheduled and held sessions from ``since`` on, with their case's registration number."""
    query = (
        select(sessions, mediation_cases.c.registration_no)
        .join(mediation_cases, mediation_cases.c.id == sessions.c.mediation_case_id)
        .where(sessions.c.status != "cancelled",
               sessions.c.starts_at >= datetime.combine(since, time.min, tzinfo=DISTRICT_TZ))
        .order_by(sessions.c.starts_at)
    )
    if agency:
        query = query.where(json_list_contains(mediation_cases.c.agency_codes, agency))
    if viewer is not None:
        restricted_to = mediation_cases.c.restricted_to
        query = query.where(or_(restricted_to.is_(None), json_list_contains(restricted_to, viewer)))
    async with sessions_() as session:
        return list((await session.execute(query)).all())


async def pool(sessions_: Sessions) -> list[Any]:
    """The people in the pool, by kind and name."""
    async with sessions_() as session:
        return list((await session.execute(select(people).order_by(people.c.kind, people.c.name))).all())


async def subsidy_batch(sessions_: Sessions, batch_id: UUID) -> dict[str, Any]:
    """A subsidy batch with its lines (per mediator, per case)."""
    async with sessions_() as session:
        batch = (await session.execute(select(subsidy_batches).where(subsidy_batches.c.id == batch_id))).one_or_none()
        if batch is None:
            raise MediationCaseNotFound(batch_id)
        lines = (await session.execute(
            select(subsidy_lines, people.c.name).join(people, people.c.id == subsidy_lines.c.person_id)
            .where(subsidy_lines.c.batch_id == batch_id).order_by(people.c.name)
        )).all()
    return {
        "batch_id": batch.id, "period": batch.period, "status": batch.status, "total_fen": batch.total_fen,
        "created_by": batch.created_by, "approved_by": batch.approved_by, "approved_on": batch.approved_on,
        "lines": [{"mediator_id": line.person_id, "mediator": line.name, "mediation_case_id": line.mediation_case_id,
                   "basis_code": line.basis_code, "amount_fen": line.amount_fen} for line in lines],
    }
