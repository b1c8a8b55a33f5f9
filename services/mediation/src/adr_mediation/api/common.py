"""What mediation's route modules share: the unit of work, the settings, the administrator check,
the case after a change."""

from typing import Annotated
from uuid import UUID

from fastapi import Depends, HTTPException

from adr_mediation import views
from adr_mediation.api import schemas as s
from adr_mediation.settings import Settings
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.api_deps import ActorDep, ContextDep, CorrelationDep
from adr_runtime.auth import Principal, Role
from adr_runtime.context import ServiceContext


def uow_of(ctx: ContextDep, actor: str, correlation_id: UUID) -> MediationUnitOfWork:
    """A unit of work acting for ``actor`` within the request's correlation."""
    return MediationUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)


async def _request_uow(ctx: ContextDep, actor: ActorDep, correlation_id: CorrelationDep) -> MediationUnitOfWork:
    return uow_of(ctx, actor, correlation_id)


UowDep = Annotated[MediationUnitOfWork, Depends(_request_uow)]
"""A route's unit of work, acting for the signed-in person within the request's correlation."""


def settings_of(ctx: ServiceContext) -> Settings:
    """Mediation's own settings."""
    assert isinstance(ctx.settings, Settings)
    return ctx.settings


def require_admin(principal: Principal) -> None:
    """Only an administrator approves subsidy batches (403 otherwise)."""
    if Role.ADMIN not in principal.roles:
        raise HTTPException(status_code=403, detail="只有管理员可以审批补贴批次")


async def case_after(ctx: ServiceContext, mediation_case_id: UUID) -> s.MediationCaseView:
    """The case as it reads after a change."""
    return await views.mediation_case(ctx.sessions, mediation_case_id)
