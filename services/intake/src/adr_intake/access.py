"""Per-case visibility in intake (O3): an agency liaison sees only disputes involving its agency."""

from uuid import UUID

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_intake import views
from adr_intake.api.schemas import DisputeView
from adr_runtime.auth import Principal, ensure_can_see_case


async def visible_dispute(
    request: Request, principal: Principal, sessions: async_sessionmaker[AsyncSession], case_id: UUID
) -> DisputeView:
    """The dispute, or 403 (audited against the case id) when the principal may not see it; 404 if unknown."""
    dispute = await views.dispute(sessions, case_id)
    await ensure_can_see_case(
        request, principal, case_id=str(case_id), agency_codes=dispute.agency_codes, restricted_to=()
    )
    return dispute
