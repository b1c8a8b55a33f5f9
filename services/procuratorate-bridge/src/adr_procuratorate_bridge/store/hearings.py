"""Hearings and judicial-assistance applications in the database (row <-> domain mapping)."""

from dataclasses import asdict, fields
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_procuratorate_bridge.domain.errors import NotFound
from adr_procuratorate_bridge.domain.hearings import (
    AssistanceApplication,
    Hearing,
    HearingOutcome,
    Participant,
    ParticipantRole,
)
from adr_procuratorate_bridge.store.tables import assistance_applications, hearings


def _hearing_row(hearing: Hearing) -> dict[str, Any]:
    values = {f.name: getattr(hearing, f.name) for f in fields(Hearing) if f.name != "events"}
    return values | {
        "participants": [asdict(p) | {"role": p.role.value} for p in hearing.participants],
        "outcome": hearing.outcome.value if hearing.outcome else None,
    }


def to_hearing(row: Any) -> Hearing:
    values = {f.name: getattr(row, f.name) for f in fields(Hearing) if f.name != "events"}
    participants = tuple(Participant(**p | {"role": ParticipantRole(p["role"])}) for p in row.participants or ())
    outcome = HearingOutcome(row.outcome) if row.outcome else None
    return Hearing(**values | {"participants": participants, "outcome": outcome})


def _application_row(application: AssistanceApplication) -> dict[str, Any]:
    return {f.name: getattr(application, f.name) for f in fields(AssistanceApplication) if f.name != "events"}


def to_application(row: Any) -> AssistanceApplication:
    return AssistanceApplication(
        **{f.name: getattr(row, f.name) for f in fields(AssistanceApplication) if f.name != "events"}
    )


async def _one(session: AsyncSession, table: Table, key: UUID, missing: str) -> Any:
    row = (await session.execute(select(table).where(table.c.id == key).with_for_update())).first()
    if row is None:
        raise NotFound(missing)
    return row


class HearingRepository:
    """Hearings inside the unit of work's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: list[Hearing] = []

    async def add(self, hearing: Hearing, *, now: datetime) -> None:
        await self._session.execute(insert(hearings).values(**_hearing_row(hearing), created_at=now))
        self.seen.append(hearing)

    async def get(self, hearing_id: UUID) -> Hearing:
        hearing = to_hearing(await _one(self._session, hearings, hearing_id, f"未找到检察听证 {hearing_id}"))
        self.seen.append(hearing)
        return hearing

    async def save(self, hearing: Hearing) -> None:
        await self._session.execute(update(hearings).where(hearings.c.id == hearing.id).values(**_hearing_row(hearing)))


class AssistanceRepository:
    """Judicial-assistance applications inside the unit of work's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: list[AssistanceApplication] = []

    async def add(self, application: AssistanceApplication, *, now: datetime) -> None:
        await self._session.execute(
            insert(assistance_applications).values(**_application_row(application), created_at=now)
        )
        self.seen.append(application)

    async def get(self, application_id: UUID) -> AssistanceApplication:
        row = await _one(
            self._session, assistance_applications, application_id, f"未找到司法救助申请 {application_id}"
        )
        application = to_application(row)
        self.seen.append(application)
        return application

    async def save(self, application: AssistanceApplication) -> None:
        table = assistance_applications
        await self._session.execute(
            update(table).where(table.c.id == application.id).values(**_application_row(application))
        )
