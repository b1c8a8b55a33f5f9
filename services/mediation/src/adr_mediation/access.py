"""Per-case visibility in mediation (O3): an agency liaison sees only cases involving its agency."""

from uuid import UUID

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_mediation import views
from adr_mediation.api.schemas import MediationCaseView
from adr_runtime.auth import Principal, ensure_can_see_case


async def visible_case(
    request: Request, principal: Principal, sessions: async_sessionmaker[AsyncSession], mediation_case_id: UUID
) -> MediationCaseView:
    """The mediation case, or 403 (audited against the dispute's case id) when the principal may not see it."""
    case = await views.mediation_case(sessions, mediation_case_id)
    await ensure_can_see_case(
        request, principal, case_id=str(case.case_id), agency_codes=case.agency_codes, restricted_to=()
    )
    return case
