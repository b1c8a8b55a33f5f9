"""Typical cases for publication (R3): drafted, checked for personal data, published without it."""

from datetime import date
from typing import Annotated, Any
from uuid import UUID, uuid4

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_reporting.api.records_routes import Text200
from adr_reporting.domain.anonymity import personal_data
from adr_reporting.domain.errors import Conflict, NotFound, PersonalDataRemains
from adr_reporting.store.tables import typical_cases
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.clock import local_date

router = APIRouter(prefix="/api/v1", tags=["typical cases"])


class TypicalCaseIn(BaseModel):
    title: Text200
    body: Annotated[str, Field(min_length=1, max_length=20000)]
    known_names: list[Annotated[str, Field(max_length=50)]] = Field(
        default_factory=list, description="案例涉及的当事人姓名（仅用于发布前检查，发布后删除）"
    )


class TypicalCaseOut(BaseModel):
    typical_case_id: UUID
    title: str
    body: str
    status: str
    status_label: str
    published_on: date | None
    findings: list[str] = Field(description="仍含个人信息之处（不显示信息本身）")


CASE_LABELS = {"draft": "草稿", "published": "已发布"}


def _case_out(row: Any) -> TypicalCaseOut:
    findings = [f.describe() for f in personal_data(f"{row.title}\n{row.body}", list(row.known_names))]
    return TypicalCaseOut(typical_case_id=row.typical_case_id, title=row.title, body=row.body, status=row.status,
                          status_label=CASE_LABELS[row.status], published_on=row.published_on, findings=findings)


async def _case_row(session: AsyncSession, case_id: UUID, *, lock: bool = False) -> Any:
    query = select(typical_cases).where(typical_cases.c.typical_case_id == case_id)
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    if row is None:
        raise NotFound("未找到该典型案例")
    return row


@router.post("/typical-cases", response_model=TypicalCaseOut, status_code=201)
async def draft_case(ctx: ContextDep, body: TypicalCaseIn) -> TypicalCaseOut:
    """Drafts a typical case; the answer lists any personal data that still remains."""
    case_id = uuid4()
    async with ctx.sessions() as session, session.begin():
        taken = await session.scalar(select(typical_cases.c.typical_case_id).where(typical_cases.c.title == body.title))
        if taken is not None:
            raise Conflict("已有同名的典型案例")
        await session.execute(insert(typical_cases).values(
            typical_case_id=case_id, title=body.title, body=body.body, known_names=body.known_names, status="draft",
        ))
        return _case_out(await _case_row(session, case_id))


@router.put("/typical-cases/{case_id}", response_model=TypicalCaseOut)
async def revise_case(ctx: ContextDep, case_id: UUID, body: TypicalCaseIn) -> TypicalCaseOut:
    """Revises a draft (a published case cannot be changed)."""
    async with ctx.sessions() as session, session.begin():
        row = await _case_row(session, case_id, lock=True)
        if row.status != "draft":
            raise Conflict("典型案例已发布，不能修改")
        await session.execute(update(typical_cases).where(typical_cases.c.typical_case_id == case_id).values(
            title=body.title, body=body.body, known_names=body.known_names,
        ))
        return _case_out(await _case_row(session, case_id))


@router.post("/typical-cases/{case_id}/publish", response_model=TypicalCaseOut)
async def publish_case(ctx: ContextDep, now: ClockDep, case_id: UUID) -> TypicalCaseOut:
    """Publishes the case, refused while personal data remains; the parties' names are then forgotten."""
    async with ctx.sessions() as session, session.begin():
        row = await _case_row(session, case_id, lock=True)
        if row.status != "draft":
            raise Conflict("典型案例已发布")
        findings = personal_data(f"{row.title}\n{row.body}", list(row.known_names))
        if findings:
            raise PersonalDataRemains([f.describe() for f in findings])
        await session.execute(update(typical_cases).where(typical_cases.c.typical_case_id == case_id).values(
            status="published", published_on=local_date(now), known_names=[],
        ))
        return _case_out(await _case_row(session, case_id))


@router.get("/typical-cases", response_model=list[TypicalCaseOut])
async def list_cases(
    ctx: ContextDep, status: Annotated[str | None, Query(pattern="^(draft|published)$")] = None
) -> list[TypicalCaseOut]:
    """Typical cases, drafts and published."""
    query = select(typical_cases).order_by(typical_cases.c.title)
    if status:
        query = query.where(typical_cases.c.status == status)
    async with ctx.sessions() as session:
        return [_case_out(r) for r in (await session.execute(query)).all()]


@router.get("/typical-cases/{case_id}", response_model=TypicalCaseOut)
async def one_case(ctx: ContextDep, case_id: UUID) -> TypicalCaseOut:
    async with ctx.sessions() as session:
        return _case_out(await _case_row(session, case_id))
