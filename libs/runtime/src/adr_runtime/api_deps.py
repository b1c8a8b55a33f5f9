"""FastAPI dependency aliases every service's routes use."""

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request

from adr_runtime.auth.dependencies import CurrentPrincipal
from adr_runtime.context import ServiceContext

# Every dependency here is ``async def`` although none awaits: FastAPI runs a plain ``def`` dependency
# in its thread pool, a hand-off per dependency per request that costs more than the function itself.


async def get_context(request: Request) -> ServiceContext:
    """The process's resources, stored on the app by create_service_app."""
    ctx: ServiceContext = request.app.state.ctx
    return ctx


async def get_clock() -> datetime:
    """Now, in UTC (tests override this dependency to fix the time)."""
    return datetime.now(UTC)


async def get_correlation_id(request: Request) -> UUID:
    """The request's correlation id (from ``X-Correlation-ID`` or new)."""
    correlation: UUID = request.state.correlation_id
    return correlation


async def get_actor(principal: CurrentPrincipal) -> str:
    """Who acts: the signed-in principal (``staff:<username>`` or ``oidc:<subject>``)."""
    return principal.actor


ContextDep = Annotated[ServiceContext, Depends(get_context)]
ClockDep = Annotated[datetime, Depends(get_clock)]
CorrelationDep = Annotated[UUID, Depends(get_correlation_id)]
ActorDep = Annotated[str, Depends(get_actor)]
PrincipalDep = CurrentPrincipal
