"""A service's access policy: which roles may read its API and pages, which may change them.

``create_service_app`` puts ``protect(policy)`` on every router of the service, so that no route
is reachable without a principal whose roles the policy allows (administrators always). Reads are
GET and HEAD; every other method changes something. Denials are audited.
"""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from fastapi import Request

from adr_runtime.auth.dependencies import CurrentPrincipal, current_session, deny
from adr_runtime.auth.roles import Principal, Role

READ_METHODS = frozenset({"GET", "HEAD"})


@dataclass(frozen=True)
class AccessPolicy:
    """The roles that may read and the roles that may change a service's resources."""

    read: frozenset[Role]
    write: frozenset[Role]

    @classmethod
    def of(cls, *, read: Iterable[Role], write: Iterable[Role] = ()) -> "AccessPolicy":
        """A policy where writers may also read (administrators are always allowed)."""
        writers = frozenset(write)
        return cls(read=frozenset(read) | writers, write=writers)

    def allows(self, principal: Principal, method: str) -> bool:
        """Whether the principal's roles allow a request with ``method``."""
        if Role.ADMIN in principal.roles:
            return True
        roles = self.read if method.upper() in READ_METHODS else self.write
        return principal.has_any(*roles)


def protect(policy: AccessPolicy) -> Callable[..., Awaitable[Principal]]:
    """The router dependency: a principal is required, the policy applied, the page's CSRF token exposed."""

    async def dependency(request: Request, principal: CurrentPrincipal) -> Principal:
        session = current_session(request)
        request.state.principal = principal
        request.state.csrf_token = session.csrf_token if session is not None else ""
        if not policy.allows(principal, request.method):
            await deny(request, principal, target=request.url.path, reason="role_not_allowed")
        return principal

    return dependency
