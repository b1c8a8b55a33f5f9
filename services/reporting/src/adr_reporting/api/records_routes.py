"""Joint meetings with their follow-up tasks (O1); typical cases are in ``typical_case_routes``."""

from datetime import date
from typing import Annotated, Any
from uuid import UUID, uuid4

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_reporting.domain.errors import NotFound
from adr_reporting.domain.meetings import FollowUpTask, TaskStatus, check_task
from adr_reporting.store.tables import (
    follow_up_tasks,
    meeting_attendance,
    meeting_resolutions,
    meetings,
)
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep
from adr_runtime.clock import local_date

router = APIRouter(prefix="/api/v1", tags=["meetings"])

Text200 = Annotated[str, Field(min_length=1, max_length=200)]


class Attendance(BaseModel):
    unit: Annotated[str, Field(min_length=1, max_length=100, description="参会单位")]
    present: bool = True


class TaskIn(BaseModel):
    title: Annotated[str, Field(min_length=1, max_length=300, description="督办事项")]
    owner_unit: Annotated[str, Field(min_length=1, max_length=100, description="责任单位")]
    due_on: date = Field(description="办理期限")
    resolution_no: int | None = Field(default=None, ge=1, description="对应第几项议定事项")


class MeetingIn(BaseModel):
    title: Text200
    held_on: date
    convenor: Annotated[str, Field(min_length=1, max_length=100, description="召集单位")]
    agenda: Annotated[str, Field(max_length=5000)] = ""
    attendance: list[Attendance] = Field(default_factory=list)
    resolutions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(default_factory=list)
    tasks: list[TaskIn] = Field(default_factory=list)


class TaskOut(BaseModel):
    task_id: UUID
    meeting_id: UUID
    title: str
    owner_unit: str
    due_on: date
    status: TaskStatus
    status_label: str
    done_on: date | None
    note: str | None
    overdue: bool


class MeetingOut(BaseModel):
    meeting_id: UUID
    title: str
    held_on: date
    convenor: str
    agenda: str
    attendance: list[Attendance]
    resolutions: list[str]
    tasks: list[TaskOut]


class TaskDone(BaseModel):
    done_on: date
    note: Annotated[str, Field(max_length=2000)] | None = None


class TaskReopen(BaseModel):
    note: Annotated[str, Field(min_length=1, max_length=2000, description="重新督办的理由")]


STATUS_LABELS = {TaskStatus.OPEN: "督办中", TaskStatus.DONE: "已办结"}


def _task_out(row: Any, today: date) -> TaskOut:
    task = FollowUpTask(row.title, row.owner_unit, row.due_on, TaskStatus(row.status), row.done_on, row.note)
    return TaskOut(task_id=row.task_id, meeting_id=row.meeting_id, title=row.title, owner_unit=row.owner_unit,
                   due_on=row.due_on, status=task.status, status_label=STATUS_LABELS[task.status],
                   done_on=row.done_on, note=row.note, overdue=task.overdue(today))


async def _meeting(session: AsyncSession, meeting_id: UUID, today: date) -> MeetingOut:
    row = (await session.execute(select(meetings).where(meetings.c.meeting_id == meeting_id))).first()
    if row is None:
        raise NotFound("未找到该联席会议")
    present = await session.execute(select(meeting_attendance).where(meeting_attendance.c.meeting_id == meeting_id))
    resolved = await session.execute(
        select(meeting_resolutions.c.text).where(meeting_resolutions.c.meeting_id == meeting_id)
        .order_by(meeting_resolutions.c.resolution_id)
    )
    tasks = await session.execute(
        select(follow_up_tasks).where(follow_up_tasks.c.meeting_id == meeting_id).order_by(follow_up_tasks.c.due_on)
    )
    return MeetingOut(
        meeting_id=row.meeting_id, title=row.title, held_on=row.held_on, convenor=row.convenor, agenda=row.agenda,
        attendance=[Attendance(unit=a.unit, present=a.present) for a in present],
        resolutions=list(resolved.scalars()), tasks=[_task_out(t, today) for t in tasks],
    )


def _ordered_ids(n: int) -> list[UUID]:
    """Ids that sort in creation order (resolutions are listed in the order decided)."""
    base = uuid4().int >> 32 << 32
    return [UUID(int=base + i) for i in range(n)]


@router.post("/meetings", response_model=MeetingOut, status_code=201)
async def record_meeting(ctx: ContextDep, now: ClockDep, actor: ActorDep, body: MeetingIn) -> MeetingOut:
    """Records a joint meeting: who attended, what it resolved, and the tasks it assigned (O1)."""
    for task in body.tasks:
        check_task(task.title, task.owner_unit, task.due_on, body.held_on)
        if task.resolution_no is not None and task.resolution_no > len(body.resolutions):
            raise NotFound(f"督办事项对应的第 {task.resolution_no} 项议定事项不存在")
    meeting_id = uuid4()
    resolution_ids = _ordered_ids(len(body.resolutions))
    async with ctx.sessions() as session, session.begin():
        await session.execute(insert(meetings).values(
            meeting_id=meeting_id, title=body.title, held_on=body.held_on, convenor=body.convenor,
            agenda=body.agenda, created_by=actor,
        ))
        for unit in {a.unit: a for a in body.attendance}.values():
            await session.execute(insert(meeting_attendance).values(meeting_id=meeting_id, unit=unit.unit,
                                                                   present=unit.present))
        for resolution_id, text in zip(resolution_ids, body.resolutions, strict=True):
            await session.execute(insert(meeting_resolutions).values(resolution_id=resolution_id,
                                                                    meeting_id=meeting_id, text=text))
        for task in body.tasks:
            resolution = resolution_ids[task.resolution_no - 1] if task.resolution_no else None
            await session.execute(insert(follow_up_tasks).values(
                task_id=uuid4(), meeting_id=meeting_id, resolution_id=resolution, title=task.title,
                owner_unit=task.owner_unit, due_on=task.due_on, status=TaskStatus.OPEN.value,
            ))
        return await _meeting(session, meeting_id, local_date(now))


@router.get("/meetings", response_model=list[MeetingOut])
async def list_meetings(ctx: ContextDep, now: ClockDep) -> list[MeetingOut]:
    """Joint meetings, newest first, each with its tasks."""
    async with ctx.sessions() as session:
        ids = (await session.execute(select(meetings.c.meeting_id).order_by(meetings.c.held_on.desc()))).scalars()
        return [await _meeting(session, i, local_date(now)) for i in list(ids)]


@router.get("/meetings/{meeting_id}", response_model=MeetingOut)
async def one_meeting(ctx: ContextDep, now: ClockDep, meeting_id: UUID) -> MeetingOut:
    async with ctx.sessions() as session:
        return await _meeting(session, meeting_id, local_date(now))


@router.post("/meetings/{meeting_id}/tasks", response_model=TaskOut, status_code=201)
async def add_task(ctx: ContextDep, now: ClockDep, meeting_id: UUID, body: TaskIn) -> TaskOut:
    """Adds a follow-up task to a meeting."""
    async with ctx.sessions() as session, session.begin():
        held_on = await session.scalar(select(meetings.c.held_on).where(meetings.c.meeting_id == meeting_id))
        if held_on is None:
            raise NotFound("未找到该联席会议")
        check_task(body.title, body.owner_unit, body.due_on, held_on)
        task_id = uuid4()
        await session.execute(insert(follow_up_tasks).values(
            task_id=task_id, meeting_id=meeting_id, title=body.title, owner_unit=body.owner_unit,
            due_on=body.due_on, status=TaskStatus.OPEN.value,
        ))
        row = (await session.execute(select(follow_up_tasks).where(follow_up_tasks.c.task_id == task_id))).one()
    return _task_out(row, local_date(now))


@router.get("/tasks", response_model=list[TaskOut], tags=["meetings"])
async def list_tasks(
    ctx: ContextDep,
    now: ClockDep,
    status: Annotated[TaskStatus | None, Query()] = None,
    overdue: Annotated[bool, Query(description="只列逾期未办结的")] = False,
    owner_unit: Annotated[str | None, Query(max_length=100)] = None,
) -> list[TaskOut]:
    """Follow-up tasks by due date (督办台账); ``overdue=true`` lists those open past their due date."""
    query = select(follow_up_tasks).order_by(follow_up_tasks.c.due_on, follow_up_tasks.c.title)
    if status:
        query = query.where(follow_up_tasks.c.status == status.value)
    if owner_unit:
        query = query.where(follow_up_tasks.c.owner_unit == owner_unit)
    today = local_date(now)
    async with ctx.sessions() as session:
        tasks = [_task_out(r, today) for r in (await session.execute(query)).all()]
    return [t for t in tasks if t.overdue] if overdue else tasks


async def _change_task(ctx: Any, task_id: UUID, today: date, change: Any) -> TaskOut:
    async with ctx.sessions() as session, session.begin():
        query = select(follow_up_tasks, meetings.c.held_on).join(meetings).where(follow_up_tasks.c.task_id == task_id)
        row = (await session.execute(query.with_for_update())).first()
        if row is None:
            raise NotFound("未找到该督办事项")
        task = FollowUpTask(row.title, row.owner_unit, row.due_on, TaskStatus(row.status), row.done_on, row.note)
        change(task, row.held_on)
        await session.execute(update(follow_up_tasks).where(follow_up_tasks.c.task_id == task_id).values(
            status=task.status.value, done_on=task.done_on, note=task.note,
        ))
        updated = (await session.execute(select(follow_up_tasks).where(follow_up_tasks.c.task_id == task_id))).one()
    return _task_out(updated, today)


@router.post("/tasks/{task_id}/done", response_model=TaskOut)
async def complete_task(ctx: ContextDep, now: ClockDep, task_id: UUID, body: TaskDone) -> TaskOut:
    """Marks a follow-up task done (办结)."""
    return await _change_task(ctx, task_id, local_date(now),
                              lambda task, held_on: task.complete(body.done_on, body.note, held_on=held_on))


@router.post("/tasks/{task_id}/reopen", response_model=TaskOut)
async def reopen_task(ctx: ContextDep, now: ClockDep, task_id: UUID, body: TaskReopen) -> TaskOut:
    """Puts a done task back under supervision (重新督办)."""
    return await _change_task(ctx, task_id, local_date(now), lambda task, _held: task.reopen(body.note))
