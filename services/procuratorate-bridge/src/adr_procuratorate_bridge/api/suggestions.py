"""The suggestions API (P3): draft, issue, reply, overdue sweep, the 检察建议书, the supervision list."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from adr_procuratorate_bridge import documents, handlers, suggestion_views
from adr_procuratorate_bridge.api.suggestion_schemas import (
    SuggestionDraftRequest,
    SuggestionIssueRequest,
    SuggestionPage,
    SuggestionReplyRequest,
    SuggestionView,
    SupervisionList,
    SweepResult,
)
from adr_procuratorate_bridge.domain.suggestions import SuggestionStatus
from adr_procuratorate_bridge.settings import Settings
from adr_procuratorate_bridge.uow import ProcuratorateUnitOfWork
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date
from adr_runtime.context import ServiceContext

router = APIRouter(prefix="/api/v1", tags=["suggestions"])


def settings_of(ctx: ServiceContext) -> Settings:
    """The service's own settings."""
    settings = ctx.settings
    assert isinstance(settings, Settings)
    return settings


def uow_of(ctx: ServiceContext, actor: str, correlation_id: UUID) -> ProcuratorateUnitOfWork:
    """A unit of work of one request."""
    return ProcuratorateUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)


async def _view(ctx: ServiceContext, suggestion_id: UUID, now: ClockDep) -> SuggestionView:
    suggestion = await suggestion_views.load(ctx.sessions, suggestion_id)
    return suggestion_views.view_of(suggestion, today=local_date(now), rules=settings_of(ctx).reply_rules())


@router.post("/suggestions", response_model=SuggestionView, status_code=status.HTTP_201_CREATED)
async def draft_suggestion(
    body: SuggestionDraftRequest, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> SuggestionView:
    """Keeps a draft; nothing is published until it is issued."""
    command = handlers.DraftSuggestion(**body.model_dump())
    suggestion_id = await handlers.draft_suggestion(command, uow_of(ctx, actor, correlation_id), now=now)
    return await _view(ctx, suggestion_id, now)


@router.post("/suggestions/{suggestion_id}/issue", response_model=SuggestionView)
async def issue_suggestion(
    suggestion_id: UUID,
    body: SuggestionIssueRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> SuggestionView:
    """Issues a draft: its number, and the reply deadline of two months from service (RULES.md §5.2),
    rolled past rest days and holidays; publishes ProcuratorialSuggestionIssuedV1."""
    settings = settings_of(ctx)
    await handlers.issue_suggestion(
        suggestion_id, uow_of(ctx, actor, correlation_id), served_on=body.served_on or local_date(now), now=now,
        number_format=settings.suggestion_no_format, rules=settings.reply_rules(),
    )
    return await _view(ctx, suggestion_id, now)


@router.post("/suggestions/{suggestion_id}/reply", response_model=SuggestionView)
async def reply_to_suggestion(
    suggestion_id: UUID,
    body: SuggestionReplyRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> SuggestionView:
    """Records the agency's reply and measures; publishes ProcuratorialSuggestionRepliedV1 (with days late)."""
    await handlers.reply_to_suggestion(
        suggestion_id, uow_of(ctx, actor, correlation_id), replied_on=body.replied_on, adopted=body.adopted,
        measures=tuple(body.measures), summary=body.summary, now=now,
    )
    return await _view(ctx, suggestion_id, now)


@router.post("/suggestions/sweep-overdue", response_model=SweepResult)
async def sweep_overdue(ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep) -> SweepResult:
    """Marks unanswered suggestions past their deadline as overdue, once each.

    The same sweep runs from the command line: ``adr-procuratorate-bridge sweep`` (e.g. daily by cron).
    """
    return SweepResult(noticed=await handlers.sweep_overdue(uow_of(ctx, actor, correlation_id), now=now))


@router.get("/suggestions", response_model=SuggestionPage)
async def list_suggestions(
    ctx: ContextDep,
    now: ClockDep,
    status_: Annotated[SuggestionStatus | None, Query(alias="status")] = None,
    agency_code: Annotated[str | None, Query(max_length=40)] = None,
    case_id: Annotated[UUID | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> SuggestionPage:
    """Suggestions with their deadlines and warnings, the nearest deadline first."""
    return await suggestion_views.suggestion_page(
        ctx.sessions, today=local_date(now), rules=settings_of(ctx).reply_rules(), status=status_,
        agency_code=agency_code, case_id=case_id, limit=limit, offset=offset,
    )


@router.get("/suggestions/{suggestion_id}", response_model=SuggestionView)
async def get_suggestion(suggestion_id: UUID, ctx: ContextDep, now: ClockDep) -> SuggestionView:
    """One suggestion."""
    return await _view(ctx, suggestion_id, now)


@router.get("/suggestions/{suggestion_id}/document.{fmt}")
async def suggestion_document(
    suggestion_id: UUID, fmt: Annotated[str, documents.FORMAT_PATH], ctx: ContextDep
) -> Response:
    """The 检察建议书 as DOCX or PDF."""
    suggestion = await suggestion_views.load(ctx.sessions, suggestion_id)
    settings = settings_of(ctx)
    document = documents.suggestion_document(
        suggestion, issuer=settings.procuratorate_name, reply_months=settings.suggestion_reply_months,
        urgent_days=settings.suggestion_urgent_reply_days,
    )
    return documents.file_response(document, fmt, f"suggestion-{suggestion_id}")


@router.get("/supervision-list", response_model=SupervisionList)
async def supervision_list(
    ctx: ContextDep, year: Annotated[int | None, Query(ge=2000, le=2100)] = None
) -> SupervisionList:
    """The publishable list of supervision work: issued suggestions and their replies, without personal data."""
    return await suggestion_views.supervision_list(ctx.sessions, year=year)
