"""Per-case visibility in mediation (O3): an agency liaison sees only cases involving its agency, and a
case restricted by intake is seen only by the people it names (administrators see every case)."""

from datetime import date
from uuid import UUID

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_mediation import views
from adr_mediation.api.schemas import MediationCaseView
from adr_runtime.api_deps import ContextDep, PrincipalDep
from adr_runtime.auth import Principal, Role, ensure_can_see_case


def restriction_viewer(principal: Principal) -> str | None:
    """The subject a list's restricted cases must name to be shown; None (see all) for administrators."""
    return None if Role.ADMIN in principal.roles else principal.subject


async def visible_case(
    request: Request, principal: Principal, sessions: async_sessionmaker[AsyncSession], mediation_case_id: UUID,
    *, today: date | None = None,
) -> MediationCaseView:
    """The mediation case, or 403 (audited against the dispute's case id) when the principal may not see it."""
    case, restricted_to = await views.case_and_restriction(sessions, mediation_case_id, today=today)
    await ensure_can_see_case(
        request, principal, case_id=str(case.case_id), agency_codes=case.agency_codes, restricted_to=restricted_to
    )
    return case


async def guard_case(request: Request, principal: PrincipalDep, ctx: ContextDep) -> None:
    """Router-wide: any route with a ``mediation_case_id`` in its path answers 403 (audited) or 404 first."""
    raw = request.path_params.get("mediation_case_id")
    if raw is None:
        return
    try:
        mediation_case_id = UUID(str(raw))
    except ValueError:
        return  # the route's own validation answers 422
    await visible_case(request, principal, ctx.sessions, mediation_case_id)


CASE_GUARD = [Depends(guard_case)]
