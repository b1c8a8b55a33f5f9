"""The procuratorate's pages for hearings and judicial assistance (P4), joint analyses (P1), quality evaluations (P5)
and annual or thematic analyses (M9), with their forms."""

from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse

from adr_procuratorate_bridge import analysis_views, handlers, hearing_views, labels
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
from adr_procuratorate_bridge.api.suggestions import uow_of
from adr_procuratorate_bridge.domain.evaluation import Finding
from adr_procuratorate_bridge.domain.hearings import Participant
from adr_procuratorate_bridge.web.shell import form_data as _form
from adr_procuratorate_bridge.web.shell import page as _page
from adr_procuratorate_bridge.web.shell import validated as _validated
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date

router = APIRouter(include_in_schema=False)


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
    request: Request,
    hearing_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    form = await _form(request)
    form["participants"] = _participants(form.get("participants", ""))
    body = _validated(HearingRecordRequest, form)
    await handlers.hold_hearing(
        hearing_id,
        uow_of(ctx, actor, correlation_id),
        held_on=body.held_on,
        outcome=body.outcome,
        participants=tuple(Participant(**p.model_dump()) for p in body.participants),
        summary=body.summary,
        now=now,
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
    request: Request,
    application_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    form = await _form(request)
    _fen(form, "amount_yuan", "amount_fen")
    body = _validated(AssistanceDecisionRequest, form)
    await handlers.decide_assistance(application_id, uow_of(ctx, actor, correlation_id), now=now, **body.model_dump())
    return RedirectResponse("/assistance", status_code=303)


@router.post("/joint-analyses/{analysis_id}/answer")
async def answer_invitation(
    request: Request,
    analysis_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> RedirectResponse:
    form = await _form(request)
    form["participants"] = form.get("participants", "").replace("，", "、").replace(",", "、").split("、")
    body = _validated(InvitationAnswer, form)
    await handlers.answer_invitation(
        analysis_id,
        uow_of(ctx, actor, correlation_id),
        now=now,
        participants=tuple(body.participants),
        opinion=body.opinion,
        opinion_on=body.opinion_on,
        decline_reason=body.decline_reason,
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
        uow_of(ctx, actor, correlation_id),
        agency_code=body.agency_code,
        period_from=body.period_from,
        period_to=body.period_to,
        case_refs=tuple(body.case_refs),
        title=body.title,
        now=now,
    )
    return RedirectResponse("/evaluations", status_code=303)
