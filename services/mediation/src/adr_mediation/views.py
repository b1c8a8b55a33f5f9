"""Read-only queries behind the API (no domain objects, no events)."""

from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_mediation.api.schemas import AgreementView, FailureView, MediationCasePage, MediationCaseView
from adr_mediation.domain.errors import MediationCaseNotFound
from adr_mediation.store.tables import mediation_cases
from adr_runtime.auth.scoping import json_list_contains


def _view(row: Any) -> MediationCaseView:
    data = row._mapping
    agreement = None
    if data["agreed_on"] is not None:
        agreement = AgreementView(
            agreed_on=data["agreed_on"], obligation_count=data["obligation_count"],
            total_amount_fen=data["total_amount_fen"], confirmation_requested=data["confirmation_requested"],
        )
    failure = None
    if data["failed_on"] is not None:
        failure = FailureView(failed_on=data["failed_on"], reason=data["failure_reason"], next_route=data["next_route"])
    return MediationCaseView(
        mediation_case_id=data["id"], case_id=data["case_id"], registration_no=data["registration_no"],
        agency_codes=data["agency_codes"], stage=data["stage"], status=data["status"], consent=data["consent"],
        opened_at=data["opened_at"], opened_on=data["opened_on"], period_ends_on=data["period_ends_on"],
        first_received_on=data["first_received_on"], agreement=agreement, failure=failure, version=data["version"],
    )


async def mediation_case(sessions: async_sessionmaker[AsyncSession], mediation_case_id: UUID) -> MediationCaseView:
    """One mediation case."""
    query = select(mediation_cases).where(mediation_cases.c.id == mediation_case_id)
    async with sessions() as session:
        row = (await session.execute(query)).one_or_none()
    if row is None:
        raise MediationCaseNotFound(mediation_case_id)
    return _view(row)


async def mediation_case_page(
    sessions: async_sessionmaker[AsyncSession], *, status: str | None, case_id: UUID | None, limit: int, offset: int,
    agency: str | None = None,
) -> MediationCasePage:
    """Mediation cases newest first, optionally filtered by status, dispute or agency involved (O3)."""
    query = select(mediation_cases)
    if agency:
        query = query.where(json_list_contains(mediation_cases.c.agency_codes, agency))
    if status:
        query = query.where(mediation_cases.c.status == status)
    if case_id:
        query = query.where(mediation_cases.c.case_id == case_id)
    newest_first = query.order_by(mediation_cases.c.opened_at.desc(), mediation_cases.c.id.desc())
    async with sessions() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        rows = (await session.execute(newest_first.limit(limit).offset(offset))).all()
    return MediationCasePage(items=[_view(r) for r in rows], total=int(total or 0))
