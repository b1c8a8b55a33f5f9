"""Mediation's HTTP API: the register of mediation cases and their outcomes."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request

from adr_mediation import handlers, views
from adr_mediation.access import visible_case
from adr_mediation.api.schemas import AgreementRequest, FailureRequest, MediationCasePage, MediationCaseView
from adr_mediation.domain.model import Agreement, Failure, MediationStatus
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep, PrincipalDep
from adr_runtime.auth.scoping import agency_scope

router = APIRouter(prefix="/api/v1/mediation-cases", tags=["mediation-cases"])


def _uow(ctx: ContextDep, actor: str, correlation_id: UUID) -> MediationUnitOfWork:
    return MediationUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)


@router.get("", response_model=MediationCasePage)
async def list_mediation_cases(
    ctx: ContextDep,
    principal: PrincipalDep,
    status: Annotated[MediationStatus | None, Query(description="open、agreed 或 failed")] = None,
    case_id: Annotated[UUID | None, Query(description="只列出该争议的调解案件")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> MediationCasePage:
    """Lists mediation cases, newest first, with the total matching the filters.

    A mediation case is opened by the platform itself, never through this API: when intake
    routes a dispute to mediation (`adr.intake.dispute.routed.v1` with `route = mediation`),
    mediation opens exactly one case for that `case_id`. Filter by `case_id` to find the
    mediation case of a dispute you know. An agency liaison sees only cases involving its agency (O3).
    """
    return await views.mediation_case_page(
        ctx.sessions, status=status.value if status else None, case_id=case_id, limit=limit, offset=offset,
        agency=agency_scope(principal),
    )


@router.get("/{mediation_case_id}", response_model=MediationCaseView)
async def get_mediation_case(
    mediation_case_id: UUID, ctx: ContextDep, request: Request, principal: PrincipalDep
) -> MediationCaseView:
    """One mediation case by its id, with its outcome once recorded. 404 if unknown; 403 if not visible (O3)."""
    return await visible_case(request, principal, ctx.sessions, mediation_case_id)


@router.post("/{mediation_case_id}/agreement", response_model=MediationCaseView)
async def record_agreement(
    mediation_case_id: UUID,
    body: AgreementRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> MediationCaseView:
    """Records the settlement agreement (和解协议, W3) of an open case and closes it as agreed.

    The `adr.mediation.case.agreement_reached.v1` event is committed with the change; it tells
    intake and reporting, and whether the parties apply for judicial confirmation. 409 if the case
    is already closed (agreed or failed) or was changed meanwhile; 422 if `agreed_on` is before
    the case was opened or the figures contradict each other.
    """
    command = handlers.RecordAgreement(mediation_case_id=mediation_case_id, agreement=Agreement(**body.model_dump()))
    await handlers.record_agreement(command, _uow(ctx, actor, correlation_id), now=now)
    return await views.mediation_case(ctx.sessions, mediation_case_id)


@router.post("/{mediation_case_id}/failure", response_model=MediationCaseView)
async def record_failure(
    mediation_case_id: UUID,
    body: FailureRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> MediationCaseView:
    """Closes an open case without agreement and sends the dispute on (A2, M3).

    `next_route` is `filing` (the court registers the case at once, keeping the date the dispute
    was first received) or `reconsideration`; a case the court delegated can only go to `filing`.
    The `adr.mediation.case.failed.v1` event, read by intake, court-bridge and reporting, is
    committed with the change. 409 if the case is already closed; 422 naming the field otherwise.
    """
    failure = Failure(failed_on=body.failed_on, reason=body.reason.value, next_route=body.next_route)
    command = handlers.RecordFailure(mediation_case_id=mediation_case_id, failure=failure)
    await handlers.record_failure(command, _uow(ctx, actor, correlation_id), now=now)
    return await views.mediation_case(ctx.sessions, mediation_case_id)
