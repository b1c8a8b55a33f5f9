"""The records beside the case aggregate: the people pool, sessions, plans and subsidy facts."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_mediation.domain.errors import InvalidSession, MediationCaseNotFound
from adr_mediation.domain.people import Booking, Person
from adr_mediation.domain.subsidy import CaseFact
from adr_mediation.store.tables import (
    assignments,
    mediation_cases,
    people,
    plans,
    session_people,
    sessions,
    subsidy_lines,
)


async def insert_person(session: AsyncSession, person: Person) -> None:
    await session.execute(insert(people).values(
        id=person.id, name=person.name, kind=person.kind, username=person.username, agency_code=person.agency_code,
        legal_aid=person.legal_aid, declared_conflicts=list(person.declared_conflicts), active=person.active,
    ))


def person_from(data: Any) -> Person:
    return Person(
        id=data["id"], name=data["name"], kind=data["kind"], username=data["username"],
        agency_code=data["agency_code"], legal_aid=data["legal_aid"],
        declared_conflicts=tuple(data["declared_conflicts"]), active=data["active"],
    )


async def person(session: AsyncSession, person_id: UUID) -> Person:
    row = (await session.execute(select(people).where(people.c.id == person_id))).one_or_none()
    if row is None:
        raise InvalidSession(f"调解人员名册中没有该人员（{person_id}）")
    return person_from(row._mapping)


async def assignment_roles(session: AsyncSession, mediation_case_id: UUID) -> dict[UUID, str]:
    rows = (await session.execute(select(assignments.c.person_id, assignments.c.role)
                                  .where(assignments.c.mediation_case_id == mediation_case_id))).all()
    return {row.person_id: row.role for row in rows}


async def bookings(
    session: AsyncSession, person_ids: list[UUID], starts_at: datetime, ends_at: datetime
) -> list[Booking]:
    """The active bookings of these people that overlap the span (the domain decides; the query narrows)."""
    rows = (await session.execute(select(session_people).where(
        session_people.c.person_id.in_(person_ids), session_people.c.active.is_(True),
        session_people.c.starts_at < ends_at, session_people.c.ends_at > starts_at,
    ))).all()
    return [Booking(session_id=r.session_id, person_id=r.person_id, starts_at=r.starts_at, ends_at=r.ends_at)
            for r in rows]


async def session_row(session: AsyncSession, mediation_case_id: UUID, session_id: UUID) -> Any:
    row = (await session.execute(select(sessions).where(
        sessions.c.id == session_id, sessions.c.mediation_case_id == mediation_case_id))).one_or_none()
    if row is None:
        raise MediationCaseNotFound(session_id)
    return row


async def next_plan_version(session: AsyncSession, mediation_case_id: UUID) -> int:
    query = select(func.max(plans.c.version)).where(plans.c.mediation_case_id == mediation_case_id)
    current = await session.scalar(query)
    return int(current or 0) + 1


async def subsidy_facts(session: AsyncSession) -> list[CaseFact]:
    """Every closed case with its outcome, difficulty, lead mediator and whether it was already subsidised."""
    lead = (
        select(assignments.c.mediation_case_id, assignments.c.person_id)
        .where(assignments.c.role == "lead").subquery()
    )
    paid = select(subsidy_lines.c.mediation_case_id).subquery()
    query = (
        select(mediation_cases.c.id, mediation_cases.c.closed_on, mediation_cases.c.closing_outcome,
               mediation_cases.c.difficulty, lead.c.person_id, paid.c.mediation_case_id.label("paid"))
        .outerjoin(lead, lead.c.mediation_case_id == mediation_cases.c.id)
        .outerjoin(paid, paid.c.mediation_case_id == mediation_cases.c.id)
        .where(mediation_cases.c.status.in_(("closed", "withdrawn", "self_corrected")))
    )
    rows = (await session.execute(query)).all()
    return [
        CaseFact(mediation_case_id=r.id, lead_mediator_id=r.person_id, closed_on=r.closed_on,
                 outcome=r.closing_outcome, difficulty=r.difficulty, already_paid=r.paid is not None)
        for r in rows
    ]
