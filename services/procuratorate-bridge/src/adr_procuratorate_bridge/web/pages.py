"""The procuratorate's staff pages (Chinese, on the shared shell): shared records and receipts, suggestions
with their deadlines, the supervision list, hearings, judicial assistance, joint analyses, evaluations, analyses.

The pages for hearings, assistance, joint analyses, evaluations and analyses are in work_pages.py.
"""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from adr_procuratorate_bridge import handlers, suggestion_views, views
from adr_procuratorate_bridge.api.suggestion_schemas import (
    SuggestionDraftRequest,
    SuggestionIssueRequest,
    SuggestionReplyRequest,
)
from adr_procuratorate_bridge.api.suggestions import settings_of, uow_of
from adr_procuratorate_bridge.domain.model import KIND_LABELS
from adr_procuratorate_bridge.domain.suggestions import SuggestionStatus
from adr_procuratorate_bridge.web import work_pages
from adr_procuratorate_bridge.web.shell import SHELL
from adr_procuratorate_bridge.web.shell import form_data as _form
from adr_procuratorate_bridge.web.shell import page as _page
from adr_procuratorate_bridge.web.shell import validated as _validated
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date

router = APIRouter(include_in_schema=False)


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/suggestions", status_code=303)


# --- shared records and receipts (P2) ---


@router.get("/shared-records")
async def shared_records(
    request: Request, ctx: ContextDep, kind: Annotated[str | None, Query()] = None
) -> HTMLResponse:
    """What was shared with the procuratorate, newest first, with each receipt."""
    chosen = kind if kind in KIND_LABELS else None
    page = await views.shared_record_page(ctx.sessions, case_id=None, kind=chosen, limit=200, offset=0)
    return _page(request, "shared_records.html", page_title="共享信息与回执", page=page, kind=chosen)


@router.get("/receipts/{receipt_id}")
async def receipt(request: Request, receipt_id: UUID, ctx: ContextDep) -> HTMLResponse:
    found = await views.receipt(ctx.sessions, receipt_id)
    return _page(request, "receipt.html", page_title="接收回执", receipt=found)


# --- procuratorial suggestions (P3) ---


@router.get("/suggestions")
async def suggestions(
    request: Request, ctx: ContextDep, now: ClockDep, status: Annotated[str | None, Query()] = None
) -> HTMLResponse:
    """Suggestions with their reply deadlines and warnings, the nearest first."""
    chosen = SuggestionStatus(status) if status in {s.value for s in SuggestionStatus} else None
    page = await suggestion_views.suggestion_page(
        ctx.sessions, today=local_date(now), rules=settings_of(ctx).reply_rules(), status=chosen, limit=200
    )
    return _page(request, "suggestions.html", page_title="检察建议", page=page, status=status)


@router.get("/suggestions/new")
async def new_suggestion(request: Request) -> HTMLResponse:
    return _page(request, "suggestion_new.html", page_title="起草检察建议")


@router.post("/suggestions/new")
async def create_suggestion(
    request: Request, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    form = await _form(request)
    form["urgent"] = form.get("urgent") == "true"
    body = _validated(SuggestionDraftRequest, form)
    suggestion_id = await handlers.draft_suggestion(
        handlers.DraftSuggestion(**body.model_dump()), uow_of(ctx, actor, correlation_id), now=now
    )
    return RedirectResponse(f"/suggestions/{suggestion_id}", status_code=303)


@router.get("/suggestions/{suggestion_id}")
async def suggestion(request: Request, suggestion_id: UUID, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    found = await suggestion_views.load(ctx.sessions, suggestion_id)
    view = suggestion_views.view_of(found, today=local_date(now), rules=settings_of(ctx).reply_rules())
    title = f"检察建议 {view.suggestion_no or '（草稿）'}"
    return _page(request, "suggestion.html", page_title=title, s=view, today=local_date(now))


@router.post("/suggestions/{suggestion_id}/issue")
async def issue(
    request: Request,
    suggestion_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    body = _validated(SuggestionIssueRequest, await _form(request))
    settings = settings_of(ctx)
    await handlers.issue_suggestion(
        suggestion_id,
        uow_of(ctx, actor, correlation_id),
        served_on=body.served_on or local_date(now),
        now=now,
        number_format=settings.suggestion_no_format,
        rules=settings.reply_rules(),
    )
    return RedirectResponse(f"/suggestions/{suggestion_id}", status_code=303)


@router.post("/suggestions/{suggestion_id}/reply")
async def reply(
    request: Request,
    suggestion_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    form = await _form(request)
    form["measures"] = [m.strip() for m in form.get("measures", "").splitlines() if m.strip()]
    body = _validated(SuggestionReplyRequest, form)
    await handlers.reply_to_suggestion(
        suggestion_id,
        uow_of(ctx, actor, correlation_id),
        replied_on=body.replied_on,
        adopted=body.adopted,
        measures=tuple(body.measures),
        summary=body.summary,
        now=now,
    )
    return RedirectResponse(f"/suggestions/{suggestion_id}", status_code=303)


@router.post("/suggestions/sweep-overdue")
async def sweep(ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep) -> RedirectResponse:
    await handlers.sweep_overdue(uow_of(ctx, actor, correlation_id), now=now)
    return RedirectResponse("/suggestions?status=overdue", status_code=303)


@router.get("/supervision")
async def supervision(request: Request, ctx: ContextDep, year: Annotated[int | None, Query()] = None) -> HTMLResponse:
    """The publishable list of supervision work (no personal data, no case texts)."""
    listing = await suggestion_views.supervision_list(ctx.sessions, year=year)
    return _page(request, "supervision.html", page_title="检察监督工作公开清单", listing=listing, year=year)


router.include_router(work_pages.router)

__all__ = ["SHELL", "router"]
