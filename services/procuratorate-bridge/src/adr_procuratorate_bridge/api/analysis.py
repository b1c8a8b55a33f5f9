"""The joint-analysis (P1) and quality-evaluation (P5) API."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status

from adr_procuratorate_bridge import analysis_views, handlers, suggestion_views
from adr_procuratorate_bridge.api.analysis_schemas import (
    AnalysisView,
    EvaluationRequest,
    EvaluationSuggestionRequest,
    EvaluationView,
    FindingsRequest,
    InvitationAnswer,
    InvitationRequest,
)
from adr_procuratorate_bridge.api.suggestion_schemas import SuggestionView
from adr_procuratorate_bridge.api.suggestions import settings_of, uow_of
from adr_procuratorate_bridge.domain.evaluation import Finding
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date

router = APIRouter(prefix="/api/v1", tags=["joint-analysis", "quality-evaluation"])


@router.post("/joint-analyses", response_model=AnalysisView, status_code=status.HTTP_201_CREATED)
async def record_invitation(
    body: InvitationRequest, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> AnalysisView:
    """Records an invitation to analyse a major dispute (重大疑难争议研判)."""
    analysis_id = await handlers.record_invitation(uow_of(ctx, actor, correlation_id), now=now, **body.model_dump())
    return await analysis_views.analysis(ctx.sessions, analysis_id)


@router.post("/joint-analyses/{analysis_id}/answer", response_model=AnalysisView)
async def answer_invitation(
    analysis_id: UUID,
    body: InvitationAnswer,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> AnalysisView:
    """The procuratorate's written opinion with who took part, or its reason for declining."""
    await handlers.answer_invitation(
        analysis_id, uow_of(ctx, actor, correlation_id), now=now, participants=tuple(body.participants),
        opinion=body.opinion, opinion_on=body.opinion_on, decline_reason=body.decline_reason,
    )
    return await analysis_views.analysis(ctx.sessions, analysis_id)


@router.get("/joint-analyses", response_model=list[AnalysisView])
async def list_analyses(ctx: ContextDep, case_id: Annotated[UUID | None, Query()] = None) -> list[AnalysisView]:
    return await analysis_views.analyses(ctx.sessions, case_id=case_id)


@router.get("/joint-analyses/{analysis_id}", response_model=AnalysisView)
async def get_analysis(analysis_id: UUID, ctx: ContextDep) -> AnalysisView:
    return await analysis_views.analysis(ctx.sessions, analysis_id)


@router.post("/evaluations", response_model=EvaluationView, status_code=status.HTTP_201_CREATED)
async def open_evaluation(
    body: EvaluationRequest, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> EvaluationView:
    """Opens a quality evaluation over a sample of one agency's enforcement cases (执法案件质量评查)."""
    task_id = await handlers.open_evaluation(
        uow_of(ctx, actor, correlation_id), agency_code=body.agency_code, period_from=body.period_from,
        period_to=body.period_to, case_refs=tuple(body.case_refs), title=body.title, now=now,
    )
    return await analysis_views.evaluation(ctx.sessions, task_id)


@router.post("/evaluations/{task_id}/findings", response_model=EvaluationView)
async def record_findings(
    task_id: UUID, body: FindingsRequest, ctx: ContextDep, actor: ActorDep, correlation_id: CorrelationDep
) -> EvaluationView:
    """Records the finding on sampled cases (all or none)."""
    findings = tuple(Finding(case_ref=f.case_ref, rating=f.rating, problems=f.problems) for f in body.findings)
    await handlers.record_findings(task_id, uow_of(ctx, actor, correlation_id), findings=findings)
    return await analysis_views.evaluation(ctx.sessions, task_id)


@router.post("/evaluations/{task_id}/close", response_model=EvaluationView)
async def close_evaluation(
    task_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> EvaluationView:
    """Ends the evaluation once every sampled case has its finding."""
    await handlers.close_evaluation(task_id, uow_of(ctx, actor, correlation_id), now=now)
    return await analysis_views.evaluation(ctx.sessions, task_id)


@router.post("/evaluations/{task_id}/suggestions", response_model=SuggestionView, status_code=status.HTTP_201_CREATED)
async def draft_suggestion(
    task_id: UUID,
    body: EvaluationSuggestionRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> SuggestionView:
    """Drafts a suggestion to the evaluated agency from the problems found, linked to the evaluation."""
    suggestion_id = await handlers.draft_suggestion_from_evaluation(
        task_id, uow_of(ctx, actor, correlation_id), kind=body.kind, topic_code=body.topic_code,
        recommendations=body.recommendations, now=now,
    )
    suggestion = await suggestion_views.load(ctx.sessions, suggestion_id)
    return suggestion_views.view_of(suggestion, today=local_date(now), rules=settings_of(ctx).reply_rules())


@router.get("/evaluations", response_model=list[EvaluationView])
async def list_evaluations(
    ctx: ContextDep, agency_code: Annotated[str | None, Query(max_length=40)] = None
) -> list[EvaluationView]:
    return await analysis_views.evaluation_list(ctx.sessions, agency_code=agency_code)


@router.get("/evaluations/{task_id}", response_model=EvaluationView)
async def get_evaluation(task_id: UUID, ctx: ContextDep) -> EvaluationView:
    return await analysis_views.evaluation(ctx.sessions, task_id)
