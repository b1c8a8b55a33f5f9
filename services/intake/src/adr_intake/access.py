"""Per-case visibility in intake (O3): an agency liaison sees only disputes involving its agency, and a
restricted case is seen only by the people it names (administrators see every case)."""

from uuid import UUID

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_intake import views
from adr_intake.api.schemas import DisputeView
from adr_runtime.api_deps import ContextDep, PrincipalDep
from adr_runtime.auth import Principal, Role, ensure_can_see_case


def restriction_viewer(principal: Principal) -> str | None:
    """The subject a list's restricted disputes must name to be shown; None (see all) for administrators."""
    return None if Role.ADMIN in principal.roles else principal.subject


async def visible_dispute(
    request: Request, principal: Principal, sessions: async_sessionmaker[AsyncSession], case_id: UUID
) -> DisputeView:
    """The dispute, or 403 (audited against the case id) when the principal may not see it; 404 if unknown."""
    dispute, restricted_to = await views.dispute_and_restriction(sessions, case_id)
    await ensure_can_see_case(
        request, principal, case_id=str(case_id), agency_codes=dispute.agency_codes, restricted_to=restricted_to
    )
    return dispute


async def guard_case(request: Request, principal: PrincipalDep, ctx: ContextDep) -> None:
    """Router-wide: any route with a ``case_id`` in its path answers 403 (audited) or 404 first.

    Routes that show the dispute check again through visible_dispute; this guard makes sure that no
    route about a case, now or added later, forgets the check.
    """
    raw = request.path_params.get("case_id")
    if raw is None:
        return
    try:
        case_id = UUID(str(raw))
    except ValueError:
        return  # the route's own validation answers 422
    await visible_dispute(request, principal, ctx.sessions, case_id)


CASE_GUARD = [Depends(guard_case)]
