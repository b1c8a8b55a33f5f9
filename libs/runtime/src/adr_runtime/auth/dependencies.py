"""FastAPI dependencies: who is calling, whether their roles allow it, whether they may see a case."""

from collections.abc import Awaitable, Callable, Collection
from typing import Annotated

from fastapi import Depends, Request

from adr_runtime.auth.audit import AuditAction, AuditEntry, Outcome
from adr_runtime.auth.csrf import require_csrf
from adr_runtime.auth.errors import forbidden, unauthenticated
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.roles import Principal, Role
from adr_runtime.auth.sessions import SessionData


def get_gate(request: Request) -> AuthGate:
    """The service's sign-in machinery, stored on the app by ``install_auth``."""
    gate: AuthGate = request.app.state.auth
    return gate


def _bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def current_session(request: Request) -> SessionData | None:
    """The session of the request's cookie, if genuine and current (pages use its CSRF token)."""
    gate = get_gate(request)
    return gate.read_session(request.cookies.get(gate.session_cookie))


async def current_principal(request: Request) -> Principal:
    """The caller: from a bearer token, else from the session cookie (checking CSRF on unsafe methods).

    401 problem+json with ``WWW-Authenticate`` when neither identifies anyone.
    """
    gate = get_gate(request)
    if (token := _bearer_token(request)) is not None:
        principal = await gate.verify_bearer(token)
    else:
        session = current_session(request)
        if session is None:
            raise unauthenticated()
        await require_csrf(request, session.csrf_token)
        principal = session.principal
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def deny(request: Request, principal: Principal, *, target: str, **details: object) -> None:
    """Records a permission denial (path or case id, never a query string) and raises 403."""
    entry = AuditEntry(
        actor=principal.actor,
        action=AuditAction.PERMISSION_DENIED,
        target=target,
        outcome=Outcome.DENIED,
        details={"method": request.method, **details},
    )
    await get_gate(request).record(entry)
    raise forbidden()


def require_roles(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency that lets through principals holding one of ``roles``; denials are audited."""
    if not roles:
        raise ValueError("require_roles needs at least one role")

    async def dependency(request: Request, principal: CurrentPrincipal) -> Principal:
        if not principal.has_any(*roles):
            await deny(request, principal, target=request.url.path, required=sorted(r.value for r in roles))
        return principal

    return dependency


def can_see_case(principal: Principal, agency_codes: Collection[str], restricted_to: Collection[str]) -> bool:
    """Whether the principal may see a case.

    Administrators see every case. A restricted case (``restricted_to`` names subjects) is seen
    only by the people it names. Otherwise an agency liaison sees only disputes that involve
    their own agency, and every other role sees the case.
    """
    if Role.ADMIN in principal.roles:
        return True
    if restricted_to:
        return principal.subject in restricted_to
    if Role.AGENCY_LIAISON in principal.roles:
        return principal.agency_code in agency_codes
    return True


async def ensure_can_see_case(
    request: Request,
    principal: Principal,
    *,
    case_id: str,
    agency_codes: Collection[str],
    restricted_to: Collection[str],
) -> None:
    """Raises 403 (audited against the case id) unless ``can_see_case`` allows it."""
    if not can_see_case(principal, agency_codes, restricted_to):
        await deny(request, principal, target=case_id, reason="case_not_visible")


async def record_personal_data_read(
    request: Request, principal: Principal, *, target: str, fields: Collection[str]
) -> None:
    """Records that the principal read personal data of a case (``fields`` names them, no values)."""
    entry = AuditEntry(
        actor=principal.actor,
        action=AuditAction.PERSONAL_DATA_READ,
        target=target,
        outcome=Outcome.SUCCESS,
        details={"fields": sorted(fields), "path": request.url.path},
    )
    await get_gate(request).record(entry)
