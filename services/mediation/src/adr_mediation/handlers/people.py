"""Use cases of the people in a case: the mediator pool, assignments and conflict checks, sessions without
double-booking, notices to agency heads and plan versions (C3, C4, J2, J3, R1, W2)."""

from collections.abc import Mapping
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import insert, select, update

from adr_mediation.domain import people as people_rules
from adr_mediation.domain.errors import (
    ConflictOfInterest,
    InvalidSession,
    MediationCaseNotFound,
)
from adr_mediation.domain.events import Noted
from adr_mediation.domain.model import (
    MediationStatus,
)
from adr_mediation.store import records
from adr_mediation.store.tables import (
    assignments,
    head_notices,
    plans,
    session_people,
    sessions,
)
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.clock import local_date
from adr_runtime.ids import new_uuid7

# -- people and sessions (C3, C4, J2, J3, R1, W2) ---------------------------------------------------------


async def add_person(uow: MediationUnitOfWork, person: people_rules.Person) -> UUID:
    """Adds someone to the pool of mediators, lawyers, deputies, members, judges and agency staff."""
    if person.kind not in people_rules.KINDS:
        raise InvalidSession("人员类型（kind）不在名册类别之中")
    if person.kind == "agency_staff" and not person.agency_code:
        raise InvalidSession("行政机关工作人员须写明所属机关代码（agency_code）")
    async with uow:
        await records.insert_person(uow.session, person)
        await uow.commit()
    return person.id


async def assign_person(
    uow: MediationUnitOfWork, mediation_case_id: UUID, person_id: UUID, *, role: str, now: datetime
) -> None:
    """Assigns a mediator (lead or co) or a named agency handler, after the conflict-of-interest check."""
    if role not in ("lead", "co", "handler"):
        raise InvalidSession("角色（role）只能是 lead（主办）、co（协办）或 handler（机关承办人）")
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        person = await records.person(uow.session, person_id)
        people_rules.check_assignable(
            person, case_id=case.case_id, agency_codes=case.agency_codes, as_handler=role == "handler"
        )
        current = await records.assignment_roles(uow.session, case.id)
        if person_id in current:
            raise ConflictOfInterest(f"{person.name} 已在本案中")
        if role == "lead" and "lead" in current.values():
            await uow.session.execute(
                update(assignments)
                .where(assignments.c.mediation_case_id == case.id, assignments.c.role == "lead")
                .values(role="co")
            )
        await uow.session.execute(
            insert(assignments).values(mediation_case_id=case.id, person_id=person_id, role=role, assigned_at=now)
        )
        uow.events.append(
            Noted(
                case.case_id,
                now,
                "mediation.person.assigned",
                {"role": role, "kind": person.kind, "person_id": str(person_id)},
            )
        )
        await uow.commit()


async def schedule_session(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    *,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    person_ids: list[UUID],
    now: datetime,
) -> UUID:
    """Schedules a session; refused with 409 if anyone in it is booked elsewhere at that time."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        if case.status not in _SCHEDULABLE:
            raise InvalidSession("案件已结束，不能再安排调解会谈")
        for person_id in person_ids:
            await records.person(uow.session, person_id)
        bookings = await records.bookings(uow.session, person_ids, starts_at, ends_at)
        people_rules.check_session(
            starts_at=starts_at, ends_at=ends_at, person_ids=tuple(person_ids), bookings=bookings
        )
        session_id = new_uuid7()
        await _insert_session(uow, case.id, session_id, starts_at, ends_at, place, person_ids)
        uow.events.append(
            Noted(
                case.case_id,
                now,
                "mediation.session.scheduled",
                {"starts_at": starts_at.isoformat(), "people": len(set(person_ids))},
            )
        )
        await uow.commit()
    return session_id


_SCHEDULABLE = (MediationStatus.OPENED, MediationStatus.IN_SESSION, MediationStatus.AGREEMENT, MediationStatus.REOPENED)


async def _insert_session(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    session_id: UUID,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    person_ids: list[UUID],
) -> None:
    """The session's row and one booking row per person in it (each person once)."""
    await uow.session.execute(
        insert(sessions).values(
            id=session_id,
            mediation_case_id=mediation_case_id,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip(),
            status="scheduled",
            minutes=None,
        )
    )
    people = [
        {"session_id": session_id, "person_id": p, "starts_at": starts_at, "ends_at": ends_at, "active": True,
         "attended": None}
        for p in dict.fromkeys(person_ids)
    ]
    await uow.session.execute(insert(session_people), people)


async def record_session(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    session_id: UUID,
    *,
    attended: Mapping[UUID, bool],
    minutes: str,
    now: datetime,
) -> None:
    """Records who attended and the minutes; the first session held puts the case in mediation (W2)."""
    if not minutes.strip():
        raise InvalidSession("请填写会谈笔录（minutes）")
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        row = await records.session_row(uow.session, case.id, session_id)
        if row.status != "scheduled":
            raise InvalidSession("该会谈已记录或已取消")
        case.session_held(held_on=local_date(row.starts_at))
        await uow.cases.save(case)
        await uow.session.execute(
            update(sessions).where(sessions.c.id == session_id).values(status="held", minutes=minutes.strip())
        )
        for person_id, present in attended.items():
            await uow.session.execute(
                update(session_people)
                .where(session_people.c.session_id == session_id, session_people.c.person_id == person_id)
                .values(attended=present)
            )
        uow.events.append(
            Noted(
                case.case_id,
                now,
                "mediation.session.held",
                {
                    "attended": sum(1 for v in attended.values() if v),
                    "absent": sum(1 for v in attended.values() if not v),
                },
            )
        )
        await uow.commit()


async def cancel_session(uow: MediationUnitOfWork, mediation_case_id: UUID, session_id: UUID, *, now: datetime) -> None:
    """Cancels a scheduled session and frees the people's time."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        row = await records.session_row(uow.session, case.id, session_id)
        if row.status != "scheduled":
            raise InvalidSession("只有尚未举行的会谈可以取消")
        await uow.session.execute(update(sessions).where(sessions.c.id == session_id).values(status="cancelled"))
        await uow.session.execute(
            update(session_people).where(session_people.c.session_id == session_id).values(active=False)
        )
        uow.events.append(Noted(case.case_id, now, "mediation.session.cancelled", {}))
        await uow.commit()


async def send_head_notice(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    *,
    agency_code: str,
    session_id: UUID | None,
    sent_on: date,
    now: datetime,
) -> UUID:
    """Notifies a party agency's head to attend mediation (C3)."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        if agency_code not in case.agency_codes:
            raise InvalidSession("只能通知本案被申请机关的负责人（agency_code）")
        if session_id is not None:
            await records.session_row(uow.session, case.id, session_id)
        notice_id = new_uuid7()
        await uow.session.execute(
            insert(head_notices).values(
                id=notice_id,
                mediation_case_id=case.id,
                session_id=session_id,
                agency_code=agency_code,
                sent_on=sent_on,
                acknowledged_on=None,
                reminders=0,
                last_reminded_on=None,
            )
        )
        uow.events.append(Noted(case.case_id, now, "mediation.head_notice.sent", {"agency_code": agency_code}))
        await uow.commit()
    return notice_id


async def answer_head_notice(
    uow: MediationUnitOfWork, mediation_case_id: UUID, notice_id: UUID, *, action: str, on: date, now: datetime
) -> None:
    """Records the agency's acknowledgement of a head notice, or a reminder sent while it is unanswered."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        row = (
            await uow.session.execute(
                select(head_notices).where(head_notices.c.id == notice_id, head_notices.c.mediation_case_id == case.id)
            )
        ).one_or_none()
        if row is None:
            raise MediationCaseNotFound(notice_id)
        if row.acknowledged_on is not None:
            raise InvalidSession("该通知已签收")
        values: dict[str, object] = (
            {"acknowledged_on": on}
            if action == "acknowledge"
            else {"reminders": row.reminders + 1, "last_reminded_on": on}
        )
        await uow.session.execute(update(head_notices).where(head_notices.c.id == notice_id).values(**values))
        uow.events.append(
            Noted(
                case.case_id,
                now,
                f"mediation.head_notice.{action}d" if action == "acknowledge" else "mediation.head_notice.reminded",
                {"agency_code": row.agency_code},
            )
        )
        await uow.commit()


async def add_plan_version(uow: MediationUnitOfWork, mediation_case_id: UUID, *, content: str, now: datetime) -> int:
    """Adds the next version of the mediation plan (W2)."""
    if not content.strip():
        raise InvalidSession("调解方案内容（content）不能为空")
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        version = await records.next_plan_version(uow.session, case.id)
        await uow.session.execute(
            insert(plans).values(
                id=new_uuid7(),
                mediation_case_id=case.id,
                version=version,
                content=content.strip(),
                author=uow.actor,
                created_at=now,
            )
        )
        uow.events.append(Noted(case.case_id, now, "mediation.plan.version_added", {"version": version}))
        await uow.commit()
    return version
