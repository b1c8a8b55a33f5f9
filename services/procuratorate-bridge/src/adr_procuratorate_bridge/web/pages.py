"""The procuratorate's staff pages (Chinese, on the shared shell): shared records and receipts, suggestions
with their deadlines, the supervision list, hearings, judicial assistance, joint analyses, evaluations, analyses."""

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ValidationError

from adr_procuratorate_bridge import analysis_views, handlers, hearing_views, labels, suggestion_views, views
from adr_procuratorate_bridge.api.analysis_schemas import (
    EvaluationRequest,
    FindingBody,
    InvitationAnswer,
    InvitationRequest,
)
from adr_procuratorate_bridge.api.hearing_schemas import (
    AssistanceApplicationRequest,
    AssistanceDecisionRequest,
    HearingRecordRequest,
    HearingScheduleRequest,
)
from adr_procuratorate_bridge.api.suggestion_schemas import (
    SuggestionDraftRequest,
    SuggestionIssueRequest,
    SuggestionReplyRequest,
)
from adr_procuratorate_bridge.api.suggestions import settings_of, uow_of
from adr_procuratorate_bridge.domain.evaluation import Finding
from adr_procuratorate_bridge.domain.hearings import Participant
from adr_procuratorate_bridge.domain.model import KIND_LABELS
from adr_procuratorate_bridge.domain.suggestions import SuggestionStatus
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date
from adr_runtime.web import NavItem, WebShell

SHELL = WebShell(
    service="procuratorate-bridge",
    nav=[
        NavItem("/suggestions", "检察建议"),
        NavItem("/supervision", "监督工作公开"),
        NavItem("/shared-records", "共享信息与回执"),
        NavItem("/hearings", "检察听证"),
        NavItem("/assistance", "司法救助"),
        NavItem("/joint-analyses", "联合研判"),
        NavItem("/evaluations", "案件质量评查"),
        NavItem("/analyses", "年度/专题分析"),
    ],
    templates=Path(__file__).parent / "templates",
)

router = APIRouter(include_in_schema=False)

Body = TypeVar("Body", bound=BaseModel)


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return SHELL.render(request, f"procuratorate/{template}", labels=labels, **context)


def _validated(model: type[Body], data: dict[str, Any]) -> Body:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError([e | {"loc": ("body", *e["loc"])} for e in exc.errors()]) from None


async def _form(request: Request) -> dict[str, Any]:
    posted = await request.form()
    return {k: str(v).strip() for k, v in posted.items() if k != "csrf_token" and str(v).strip() != ""}


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
    request: Request, suggestion_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    body = _validated(SuggestionIssueRequest, await _form(request))
    settings = settings_of(ctx)
    await handlers.issue_suggestion(
        suggestion_id, uow_of(ctx, actor, correlation_id), served_on=body.served_on or local_date(now), now=now,
        number_format=settings.suggestion_no_format, rules=settings.reply_rules(),
    )
    return RedirectResponse(f"/suggestions/{suggestion_id}", status_code=303)


@router.post("/suggestions/{suggestion_id}/reply")
async def reply(
    request: Request, suggestion_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    form = await _form(request)
    form["measures"] = [m.strip() for m in form.get("measures", "").splitlines() if m.strip()]
    body = _validated(SuggestionReplyRequest, form)
    await handlers.reply_to_suggestion(
        suggestion_id, uow_of(ctx, actor, correlation_id), replied_on=body.replied_on, adopted=body.adopted,
        measures=tuple(body.measures), summary=body.summary, now=now,
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


# --- hearings, judicial assistance (P4), joint analyses (P1), evaluations (P5), analyses (M9) ---


@router.get("/hearings")
async def hearings(request: Request, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    found = await hearing_views.hearing_list(ctx.sessions)
    return _page(request, "hearings.html", page_title="检察听证", hearings=found, today=local_date(now))


@router.get("/assistance")
async def assistance(request: Request, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    found = await hearing_views.assistance_list(ctx.sessions)
    return _page(request, "assistance.html", page_title="司法救助", applications=found, today=local_date(now))


@router.get("/joint-analyses")
async def joint_analyses(request: Request, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    found = await analysis_views.analyses(ctx.sessions)
    today = local_date(now)
    return _page(request, "joint_analyses.html", page_title="重大疑难争议联合研判", analyses=found, today=today)


@router.get("/evaluations")
async def evaluations(request: Request, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    found = await analysis_views.evaluation_list(ctx.sessions)
    return _page(request, "evaluations.html", page_title="执法案件质量评查", evaluations=found, today=local_date(now))


@router.get("/analyses")
async def analyses(request: Request, now: ClockDep) -> HTMLResponse:
    return _page(request, "analyses.html", page_title="年度/专题分析", year=local_date(now).year)


# --- forms for hearings and assistance (P4), joint analyses (P1) and evaluations (P5) ---

_ROLE_BY_LABEL = {label: code for code, label in labels.PARTICIPANT_ROLES.items()}


def _participants(text: str) -> list[dict[str, str]]:
    """One participant a line: ``身份 姓名 [单位]`` (e.g. ``听证员 张三 区人大代表``)."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        role = _ROLE_BY_LABEL.get(parts[0], parts[0])
        found.append({"role": role, "name": " ".join(parts[1:2]), "organisation": " ".join(parts[2:])})
    return found


@router.post("/hearings")
async def schedule_hearing(
    request: Request, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    body = _validated(HearingScheduleRequest, await _form(request))
    await handlers.schedule_hearing(uow_of(ctx, actor, correlation_id), now=now, **body.model_dump())
    return RedirectResponse("/hearings", status_code=303)


@router.post("/hearings/{hearing_id}/record")
async def record_hearing(
    request: Request, hearing_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    form = await _form(request)
    form["participants"] = _participants(form.get("participants", ""))
    body = _validated(HearingRecordRequest, form)
    await handlers.hold_hearing(
        hearing_id, uow_of(ctx, actor, correlation_id), held_on=body.held_on, outcome=body.outcome,
        participants=tuple(Participant(**p.model_dump()) for p in body.participants), summary=body.summary, now=now,
    )
    return RedirectResponse("/hearings", status_code=303)


def _fen(form: dict[str, Any], yuan_field: str, fen_field: str) -> None:
    yuan = form.pop(yuan_field, None)
    if yuan is None:
        return
    try:
        form[fen_field] = int((Decimal(yuan) * 100).to_integral_value())
    except InvalidOperation:
        error = {"loc": ("body", yuan_field), "msg": "请输入以元为单位的金额", "type": "decimal_parsing"}
        raise RequestValidationError([error]) from None


@router.post("/assistance")
async def apply_for_assistance(
    request: Request, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    form = await _form(request)
    _fen(form, "requested_yuan", "requested_fen")
    body = _validated(AssistanceApplicationRequest, form)
    await handlers.receive_assistance_application(uow_of(ctx, actor, correlation_id), now=now, **body.model_dump())
    return RedirectResponse("/assistance", status_code=303)


@router.post("/assistance/{application_id}/decision")
async def decide_assistance(
    request: Request, application_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    form = await _form(request)
    _fen(form, "amount_yuan", "amount_fen")
    body = _validated(AssistanceDecisionRequest, form)
    await handlers.decide_assistance(application_id, uow_of(ctx, actor, correlation_id), now=now, **body.model_dump())
    return RedirectResponse("/assistance", status_code=303)


@router.post("/joint-analyses/{analysis_id}/answer")
async def answer_invitation(
    request: Request, analysis_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    form = await _form(request)
    form["participants"] = form.get("participants", "").replace("，", "、").replace(",", "、").split("、")
    body = _validated(InvitationAnswer, form)
    await handlers.answer_invitation(
        analysis_id, uow_of(ctx, actor, correlation_id), now=now, participants=tuple(body.participants),
        opinion=body.opinion, opinion_on=body.opinion_on, decline_reason=body.decline_reason,
    )
    return RedirectResponse("/joint-analyses", status_code=303)


@router.post("/evaluations/{task_id}/findings")
async def record_finding(
    request: Request, task_id: UUID, ctx: ContextDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    body = _validated(FindingBody, await _form(request))
    finding = Finding(case_ref=body.case_ref, rating=body.rating, problems=body.problems)
    await handlers.record_findings(task_id, uow_of(ctx, actor, correlation_id), findings=(finding,))
    return RedirectResponse("/evaluations", status_code=303)


@router.post("/evaluations/{task_id}/close")
async def close_evaluation(
    task_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    await handlers.close_evaluation(task_id, uow_of(ctx, actor, correlation_id), now=now)
    return RedirectResponse("/evaluations", status_code=303)


@router.post("/joint-analyses")
async def record_invitation(
    request: Request, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    body = _validated(InvitationRequest, await _form(request))
    await handlers.record_invitation(uow_of(ctx, actor, correlation_id), now=now, **body.model_dump())
    return RedirectResponse("/joint-analyses", status_code=303)


@router.post("/evaluations")
async def open_evaluation(
    request: Request, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    form = await _form(request)
    form["case_refs"] = [r.strip() for r in form.get("case_refs", "").splitlines() if r.strip()]
    body = _validated(EvaluationRequest, form)
    await handlers.open_evaluation(
        uow_of(ctx, actor, correlation_id), agency_code=body.agency_code, period_from=body.period_from,
        period_to=body.period_to, case_refs=tuple(body.case_refs), title=body.title, now=now,
    )
    return RedirectResponse("/evaluations", status_code=303)
