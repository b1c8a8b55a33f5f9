"""Intake's HTTP API: registration, routing and the dispute register."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError

from adr_contracts.vocabulary import Channel
from adr_intake import handlers, views
from adr_intake.access import CASE_GUARD, restriction_viewer, visible_dispute
from adr_intake.api.schemas import DisputePage, DisputeView, HistoryEntry, RegistrationRequest, RouteRequest
from adr_intake.board import Cursor, InvalidCursor
from adr_intake.domain.model import Applicant, Stage
from adr_intake.settings import Settings
from adr_intake.uow import IntakeUnitOfWork, intake_uow
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep, PrincipalDep
from adr_runtime.auth.scoping import agency_scope

router = APIRouter(prefix="/api/v1/disputes", tags=["disputes"], dependencies=CASE_GUARD)


def _uow(ctx: ContextDep, actor: str, correlation_id: UUID) -> IntakeUnitOfWork:
    return intake_uow(ctx, actor=actor, correlation_id=correlation_id)  # with the cipher for personal data


def registration_command(body: RegistrationRequest) -> handlers.RegisterDispute:
    """The registration use case's command from the request (the API's, or the form's)."""
    return handlers.RegisterDispute(
        channel=body.channel.value,
        received_on=body.received_on,
        agency_codes=tuple(body.agency_codes),
        act_type=body.act_type,
        applicants=tuple(Applicant(**a.model_dump()) for a in body.applicants),
        claims_summary=body.claims_summary,
        mediation_consent=body.mediation_consent,
        act_doc_no=body.act_doc_no,
        amount_yuan=body.amount_yuan,
        act_made_on=body.act_made_on,
        act_served_on=body.act_served_on,
        act_known_on=body.act_known_on,
        postmark_on=body.postmark_on,
        claim_types=tuple(body.claim_types),
        reconsideration=body.reconsideration.to_record() if body.reconsideration else None,
    )


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
    the parties' consent is routed to mediation in the same transaction. In the same transaction
    too: a repeat of an earlier dispute (same applicant, same act) is flagged in `repeat_of`, the
    district's rules classify it (`adr.intake.dispute.classified.v1` when a flag is raised), and with
    one agency involved that agency's liaison officers are recorded as the ones to notify.
    Personal data (names, ID numbers, phones, the claims summary) is encrypted at rest.
    """
    settings = ctx.settings
    assert isinstance(settings, Settings)
    uow = _uow(ctx, actor, correlation_id)
    case_id = await handlers.register_dispute(
        registration_command(body),
        uow,
        now=now,
        number_format=settings.registration_no_format,
        rules=settings.classification_rules(),
    )
    response.headers["Location"] = f"{router.prefix}/{case_id}"
    return views.dispute_view(uow.disputes.added[case_id])  # the row as inserted: no second read


@router.get("", response_model=DisputePage)
async def list_disputes(
    ctx: ContextDep,
    principal: PrincipalDep,
    stage: Annotated[Stage | None, Query()] = None,
    channel: Annotated[Channel | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    cursor: Annotated[
        str | None, Query(max_length=200, description="`next_cursor` of the previous page (then `offset` is ignored)")
    ] = None,
) -> DisputePage:
    """Lists disputes across every channel, newest first (applicants masked).

    An agency liaison sees only the disputes involving its own agency (O3). Page by `offset`, or
    by `cursor` (keyset: each page starts after the previous one's last dispute, at the same cost
    however deep). Over a large unfiltered list `total` is an estimate and `total_is_estimate` says so.
    """
    return await views.dispute_page(
        ctx.sessions,
        stage=stage.value if stage else None,
        channel=channel.value if channel else None,
        limit=limit,
        offset=offset,
        agency=agency_scope(principal),
        viewer=restriction_viewer(principal),
        cursor=_cursor(cursor),
    )


def _cursor(token: str | None) -> Cursor | None:
    """The decoded cursor; 422 naming the ``cursor`` field when it is not one the service gave out."""
    if token is None:
        return None
    try:
        return Cursor.decode(token)
    except InvalidCursor:
        error = {"loc": ("query", "cursor"), "msg": "不是本服务给出的分页游标", "type": "value_error"}
        raise RequestValidationError([error]) from None


@router.get("/{case_id}", response_model=DisputeView)
async def get_dispute(case_id: UUID, ctx: ContextDep, request: Request, principal: PrincipalDep) -> DisputeView:
    """One dispute by its case id. 404 if unknown; 403 if the caller may not see it (O3)."""
    return await visible_dispute(request, principal, ctx.sessions, case_id)


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
async def dispute_history(
    case_id: UUID, ctx: ContextDep, request: Request, principal: PrincipalDep
) -> list[HistoryEntry]:
    """What intake recorded about the dispute, oldest first (403 if the caller may not see it)."""
    await visible_dispute(request, principal, ctx.sessions, case_id)
    return await views.history(ctx.sessions, ctx.tables, case_id)
