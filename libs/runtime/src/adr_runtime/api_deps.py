"""FastAPI dependency aliases every service's routes use."""

import re
from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request

from adr_runtime.context import ServiceContext

_ACTOR = re.compile(r"^[a-z]+:[A-Za-z0-9._@-]{1,100}$")


def get_context(request: Request) -> ServiceContext:
    """The process's resources, stored on the app by create_service_app."""
    ctx: ServiceContext = request.app.state.ctx
    return ctx


def get_clock() -> datetime:
    """Now, in UTC (tests override this dependency to fix the time)."""
    return datetime.now(UTC)


def get_correlation_id(request: Request) -> UUID:
    """The request's correlation id (from ``X-Correlation-ID`` or new)."""
    correlation: UUID = request.state.correlation_id
    return correlation


def get_actor(request: Request) -> str:
    """Who acts. Until staff sign-in lands (issue #3) a caller may name itself in ``X-ADR-Actor``."""
    supplied = request.headers.get("X-ADR-Actor", "")
    return supplied if _ACTOR.match(supplied) else "staff:unidentified"


ContextDep = Annotated[ServiceContext, Depends(get_context)]
ClockDep = Annotated[datetime, Depends(get_clock)]
CorrelationDep = Annotated[UUID, Depends(get_correlation_id)]
ActorDep = Annotated[str, Depends(get_actor)]
