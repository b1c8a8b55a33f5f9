"""The hearings and judicial-assistance API (P4): all linked to a case."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status

from adr_procuratorate_bridge import handlers, hearing_views
from adr_procuratorate_bridge.api.hearing_schemas import (
    AssistanceApplicationRequest,
    AssistanceDecisionRequest,
    AssistanceView,
    HearingRecordRequest,
    HearingScheduleRequest,
    HearingView,
)
from adr_procuratorate_bridge.api.suggestions import uow_of
from adr_procuratorate_bridge.domain.hearings import Participant
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep

router = APIRouter(prefix="/api/v1", tags=["hearings", "judicial-assistance"])

CaseFilter = Annotated[UUID | None, Query(description="Only this dispute's")]


@router.post("/hearings", response_model=HearingView, status_code=status.HTTP_201_CREATED)
async def schedule_hearing(
    body: HearingScheduleRequest, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> HearingView:
    """Schedules a procuratorial hearing (检察听证) about a case."""
    hearing_id = await handlers.schedule_hearing(uow_of(ctx, actor, correlation_id), now=now, **body.model_dump())
    return await hearing_views.hearing(ctx.sessions, hearing_id)


@router.post("/hearings/{hearing_id}/record", response_model=HearingView)
async def record_hearing(
    hearing_id: UUID,
    body: HearingRecordRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> HearingView:
    """Records the hearing as held, with participants and outcome; publishes ProcuratorialHearingHeldV1."""
    participants = tuple(Participant(**p.model_dump()) for p in body.participants)
    await handlers.hold_hearing(
        hearing_id, uow_of(ctx, actor, correlation_id), held_on=body.held_on, participants=participants,
        outcome=body.outcome, summary=body.summary, now=now,
    )
    return await hearing_views.hearing(ctx.sessions, hearing_id)


@router.get("/hearings", response_model=list[HearingView])
async def list_hearings(ctx: ContextDep, case_id: CaseFilter = None) -> list[HearingView]:
    """Hearings, the latest first."""
    return await hearing_views.hearing_list(ctx.sessions, case_id=case_id)


@router.get("/hearings/{hearing_id}", response_model=HearingView)
async def get_hearing(hearing_id: UUID, ctx: ContextDep) -> HearingView:
    return await hearing_views.hearing(ctx.sessions, hearing_id)


@router.post("/assistance-applications", response_model=AssistanceView, status_code=status.HTTP_201_CREATED)
async def receive_application(
    body: AssistanceApplicationRequest, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> AssistanceView:
    """Registers an application for judicial assistance (司法救助) in a case."""
    application_id = await handlers.receive_assistance_application(
        uow_of(ctx, actor, correlation_id), now=now, **body.model_dump()
    )
    return await hearing_views.assistance(ctx.sessions, application_id)


@router.post("/assistance-applications/{application_id}/decision", response_model=AssistanceView)
async def decide_application(
    application_id: UUID,
    body: AssistanceDecisionRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> AssistanceView:
    """Grants (with an amount) or refuses (with a reason); publishes JudicialAssistanceDecidedV1."""
    await handlers.decide_assistance(application_id, uow_of(ctx, actor, correlation_id), now=now, **body.model_dump())
    return await hearing_views.assistance(ctx.sessions, application_id)


@router.get("/assistance-applications", response_model=list[AssistanceView])
async def list_applications(ctx: ContextDep, case_id: CaseFilter = None) -> list[AssistanceView]:
    """Applications for judicial assistance, the latest first."""
    return await hearing_views.assistance_list(ctx.sessions, case_id=case_id)


@router.get("/assistance-applications/{application_id}", response_model=AssistanceView)
async def get_application(application_id: UUID, ctx: ContextDep) -> AssistanceView:
    return await hearing_views.assistance(ctx.sessions, application_id)
