"""Helpers shared by court-bridge's routers: the unit of work of a request, the settings."""

from typing import Annotated

from fastapi import Depends

from adr_court_bridge.settings import Settings
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.api_deps import ActorDep, ContextDep, CorrelationDep


def settings_of(ctx: ContextDep) -> Settings:
    settings = ctx.settings
    assert isinstance(settings, Settings)
    return settings


def request_uow(ctx: ContextDep, actor: ActorDep, correlation_id: CorrelationDep) -> CourtBridgeUnitOfWork:
    """A unit of work for one request, acting as the signed-in staff member."""
    return CourtBridgeUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)


SettingsDep = Annotated[Settings, Depends(settings_of)]
UowDep = Annotated[CourtBridgeUnitOfWork, Depends(request_uow)]


