"""Read-only queries about hearings and judicial assistance (API and pages)."""

from dataclasses import asdict
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_procuratorate_bridge.api.hearing_schemas import AssistanceView, HearingView
from adr_procuratorate_bridge.domain.errors import NotFound
from adr_procuratorate_bridge.store.hearings import to_application, to_hearing
from adr_procuratorate_bridge.store.tables import assistance_applications, hearings


def hearing_view(row: object) -> HearingView:
    hearing = to_hearing(row)
    values = {k: v for k, v in hearing.__dict__.items() if k != "events"}
    return HearingView.model_validate(values | {"participants": [asdict(p) for p in hearing.participants]})


def assistance_view(row: object) -> AssistanceView:
    application = to_application(row)
    return AssistanceView.model_validate({k: v for k, v in application.__dict__.items() if k != "events"})


async def hearing_list(sessions: async_sessionmaker[AsyncSession], *, case_id: UUID | None = None) -> list[HearingView]:
    query = select(hearings).order_by(hearings.c.scheduled_on.desc(), hearings.c.created_at.desc())
    if case_id is not None:
        query = query.where(hearings.c.case_id == case_id)
    async with sessions() as session:
        return [hearing_view(r) for r in (await session.execute(query)).all()]


async def hearing(sessions: async_sessionmaker[AsyncSession], hearing_id: UUID) -> HearingView:
    async with sessions() as session:
        row = (await session.execute(select(hearings).where(hearings.c.id == hearing_id))).first()
    if row is None:
        raise NotFound(f"未找到检察听证 {hearing_id}")
    return hearing_view(row)


async def assistance_list(
    sessions: async_sessionmaker[AsyncSession], *, case_id: UUID | None = None
) -> list[AssistanceView]:
    table = assistance_applications
    query = select(table).order_by(table.c.applied_on.desc(), table.c.created_at.desc())
    if case_id is not None:
        query = query.where(table.c.case_id == case_id)
    async with sessions() as session:
        return [assistance_view(r) for r in (await session.execute(query)).all()]


async def assistance(sessions: async_sessionmaker[AsyncSession], application_id: UUID) -> AssistanceView:
    table = assistance_applications
    async with sessions() as session:
        row = (await session.execute(select(table).where(table.c.id == application_id))).first()
    if row is None:
        raise NotFound(f"未找到司法救助申请 {application_id}")
    return assistance_view(row)
