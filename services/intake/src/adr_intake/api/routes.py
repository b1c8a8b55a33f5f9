"""Intake's HTTP API: registration, routing and the dispute register."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from adr_contracts.vocabulary import Channel
from adr_intake import handlers, views
from adr_intake.api.schemas import DisputePage, DisputeView, HistoryEntry, RegistrationRequest, RouteRequest
from adr_intake.domain.model import Applicant, Stage
from adr_intake.settings import Settings
from adr_intake.uow import IntakeUnitOfWork
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep

router = APIRouter(prefix="/api/v1/disputes", tags=["disputes"])


def _uow(ctx: ContextDep, actor: str, correlation_id: UUID) -> IntakeUnitOfWork:
    return IntakeUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DisputeView)
async def register_dispute(
    body: RegistrationRequest,
    response: Response,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> DisputeView:
    """Registers a dispute from any channel and returns it with its registration number.

    Registration comes before any review (先登后调): the number is given at once and the
    `adr.intake.dispute.registered.v1` event is committed with it. A court delegation with
    the parties' consent is routed to mediation in the same transaction.
    """
    settings = ctx.settings
    assert isinstance(settings, Settings)
    command = handlers.RegisterDispute(
        channel=body.channel.value,
        received_on=body.received_on,
        agency_codes=tuple(body.agency_codes),
        act_type=body.act_type,
        applicants=tuple(Applicant(**a.model_dump()) for a in body.applicants),
        claims_summary=body.claims_summary,
        mediation_consent=body.mediation_consent,
    )
    uow = _uow(ctx, actor, correlation_id)
    case_id = await handlers.register_dispute(command, uow, now=now, number_format=settings.registration_no_format)
    response.headers["Location"] = f"{router.prefix}/{case_id}"
    return await views.dispute(ctx.sessions, case_id)


@router.get("", response_model=DisputePage)
async def list_disputes(
    ctx: ContextDep,
    stage: Annotated[Stage | None, Query()] = None,
    channel: Annotated[Channel | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> DisputePage:
    """Lists disputes across every channel, newest first (applicants masked)."""
    return await views.dispute_page(
        ctx.sessions,
        stage=stage.value if stage else None,
        channel=channel.value if channel else None,
        limit=limit,
        offset=offset,
    )


@router.get("/{case_id}", response_model=DisputeView)
async def get_dispute(case_id: UUID, ctx: ContextDep) -> DisputeView:
    """One dispute by its case id. 404 if unknown."""
    return await views.dispute(ctx.sessions, case_id)


@router.post("/{case_id}/route", response_model=DisputeView)
async def route_dispute(
    case_id: UUID,
    body: RouteRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> DisputeView:
    """Routes a registered dispute: mediation, filing, reconsideration, or not accepted.

    409 if it was already routed; 422 if it is not accepted without the law cited in `basis`.
    """
    command = handlers.RouteDispute(
        case_id=case_id, route=body.route.value, reason_code=body.reason_code, basis=body.basis
    )
    await handlers.route_dispute(command, _uow(ctx, actor, correlation_id), now=now)
    return await views.dispute(ctx.sessions, case_id)


@router.get("/{case_id}/history", response_model=list[HistoryEntry])
async def dispute_history(case_id: UUID, ctx: ContextDep) -> list[HistoryEntry]:
    """What intake recorded about the dispute, oldest first."""
    await views.dispute(ctx.sessions, case_id)
    return await views.history(ctx.sessions, ctx.tables, case_id)
