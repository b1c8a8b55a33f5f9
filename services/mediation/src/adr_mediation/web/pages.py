"""Mediation's staff pages (Chinese): my cases, the calendar, the case workspace with its timeline, the
agreement editor and the obligations board."""

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from adr_mediation import handlers, views
from adr_mediation.access import CASE_GUARD, restriction_viewer, visible_case
from adr_mediation.api.schemas import AgreementDraftRequest, FailureRequest, FulfilmentRequest
from adr_mediation.domain.model import Failure
from adr_mediation.uow import MediationUnitOfWork
from adr_mediation.web import labels
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep, PrincipalDep
from adr_runtime.auth import Role
from adr_runtime.auth.scoping import agency_scope
from adr_runtime.clock import local_date
from adr_runtime.web import NavItem, WebShell

SHELL = WebShell(
    service="mediation",
    nav=[NavItem("/cases", "我的案件"), NavItem("/calendar", "会谈日程"), NavItem("/obligations", "履行看板")],
    templates=Path(__file__).parent / "templates",
)

router = APIRouter(include_in_schema=False, dependencies=CASE_GUARD)

ACTIVE = ("opened", "in_session", "agreement", "performing", "reopened")
EDITOR_ROWS = 5


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return SHELL.render(request, template, labels=labels, **context)


def _validated(model: Any, data: dict[str, object]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


def _fen(yuan: str, field: str) -> int | None:
    """An amount in yuan as typed (``1500.5``) in fen; empty means none."""
    if not yuan.strip():
        return None
    try:
        return int((Decimal(yuan.strip()) * 100).to_integral_value())
    except InvalidOperation:
        error = {"loc": ("body", field), "msg": "请输入以元为单位的金额", "type": "decimal_parsing"}
        raise RequestValidationError([error]) from None


def _uow(ctx: Any, actor: str, correlation_id: UUID) -> MediationUnitOfWork:
    return MediationUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/cases", status_code=303)


@router.get("/cases")
async def my_cases(request: Request, ctx: ContextDep, now: ClockDep, principal: PrincipalDep) -> HTMLResponse:
    """A mediator's own active cases and those not yet staffed; centre staff and administrators see every one."""
    mine = Role.MEDIATOR in principal.roles and not ({Role.ADMIN, Role.CENTRE_STAFF} & principal.roles)
    today = local_date(now)
    page = await views.mediation_case_page(
        ctx.sessions, status=None, statuses=ACTIVE, case_id=None, limit=200, offset=0,
        agency=agency_scope(principal), viewer=restriction_viewer(principal),
        person_username=principal.subject if mine else None, today=today,
    )
    cases = sorted(page.items, key=lambda c: c.period_ends_on)
    return _page(request, "mediation/cases.html", page_title="我的案件", cases=cases, today=today, mine=mine)


@router.get("/calendar")
async def calendar(request: Request, ctx: ContextDep, now: ClockDep, principal: PrincipalDep) -> HTMLResponse:
    """Sessions from today on, in order."""
    rows = await views.calendar(ctx.sessions, viewer=restriction_viewer(principal), agency=agency_scope(principal),
                                since=local_date(now))
    return _page(request, "mediation/calendar.html", page_title="会谈日程", rows=rows)


@router.get("/obligations")
async def obligations_board(request: Request, ctx: ContextDep, now: ClockDep, principal: PrincipalDep) -> HTMLResponse:
    """Obligations not yet performed, overdue first, with a form to record performance."""
    rows = await views.obligations_board(ctx.sessions, viewer=restriction_viewer(principal),
                                         agency=agency_scope(principal))
    return _page(request, "mediation/obligations.html", page_title="履行看板", rows=rows, today=local_date(now))


@router.get("/cases/{mediation_case_id}")
async def case_page(
    request: Request, mediation_case_id: UUID, ctx: ContextDep, now: ClockDep, principal: PrincipalDep
) -> HTMLResponse:
    """The case workspace: facts, period, people, sessions, plans, risks, agreement and the timeline."""
    today = local_date(now)
    case = await visible_case(request, principal, ctx.sessions, mediation_case_id, today=today)
    extra = await views.workspace(ctx.sessions, case)
    flash = {"kind": "ok", "text": "已保存"} if request.query_params.get("saved") else None
    return _page(
        request, "mediation/case.html", page_title=f"调解案件 {case.registration_no}", case=case, today=today,
        days_left=(case.period_ends_on - today).days, flash=flash, **extra,
    )


@router.get("/cases/{mediation_case_id}/agreement")
async def agreement_editor(
    request: Request, mediation_case_id: UUID, ctx: ContextDep, now: ClockDep, principal: PrincipalDep
) -> HTMLResponse:
    """The agreement editor: terms and up to five obligations (who, what, amount, by when)."""
    case = await visible_case(request, principal, ctx.sessions, mediation_case_id)
    rows = list(case.agreement.obligations) if case.agreement else []
    return _page(request, "mediation/agreement.html", page_title=f"和解协议 {case.registration_no}", case=case,
                 rows=rows + [None] * max(0, EDITOR_ROWS - len(rows)), today=local_date(now))


@router.post("/cases/{mediation_case_id}/agreement")
async def save_agreement(request: Request, mediation_case_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep,
                         correlation_id: CorrelationDep) -> RedirectResponse:
    """Saves the draft agreement from the editor."""
    form = await request.form()
    items = []
    for n in range(EDITOR_ROWS):
        description = str(form.get(f"description_{n}", "")).strip()
        if not description:
            continue
        items.append({
            "obligor_kind": form.get(f"obligor_kind_{n}"), "agency_code": str(form.get(f"agency_code_{n}", "")) or None,
            "description": description, "amount_fen": _fen(str(form.get(f"amount_yuan_{n}", "")), f"amount_yuan_{n}"),
            "due_on": form.get(f"due_on_{n}"),
        })
    body = _validated(AgreementDraftRequest, {
        "drafted_on": form.get("drafted_on"), "terms": form.get("terms", ""), "obligations": items,
        "confirmation_requested": form.get("confirmation_requested") == "true",
    })
    drafts = [handlers.ObligationDraft(
        obligor_kind=o.obligor_kind.value, description=o.description, due_on=o.due_on, agency_code=o.agency_code,
        amount_fen=o.amount_fen) for o in body.obligations]
    await handlers.draft_agreement(
        _uow(ctx, actor, correlation_id), mediation_case_id, drafted_on=body.drafted_on, terms=body.terms,
        obligations_=drafts, confirmation_requested=body.confirmation_requested, now=now,
    )
    return RedirectResponse(f"/cases/{mediation_case_id}?saved=1", status_code=303)


@router.post("/cases/{mediation_case_id}/obligations/{obligation_id}/fulfilment")
async def fulfil(
    mediation_case_id: UUID, obligation_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep,
    correlation_id: CorrelationDep, fulfilled_on: Annotated[date, Form()], evidence_note: Annotated[str, Form()],
) -> RedirectResponse:
    """Records an obligation performed from the board (W4)."""
    body = _validated(FulfilmentRequest, {"fulfilled_on": fulfilled_on, "evidence_note": evidence_note})
    await handlers.fulfil_obligation(_uow(ctx, actor, correlation_id), mediation_case_id, obligation_id,
                                     fulfilled_on=body.fulfilled_on, evidence_note=body.evidence_note, now=now)
    return RedirectResponse("/obligations", status_code=303)


@router.post("/cases/{mediation_case_id}/withdrawal")
async def withdrawal(
    mediation_case_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep,
    withdrawn_on: Annotated[date, Form()],
) -> RedirectResponse:
    """The applicant withdrew (MediationClosedV1 withdrawn)."""
    await handlers.withdraw(_uow(ctx, actor, correlation_id), mediation_case_id, withdrawn_on=withdrawn_on, now=now)
    return RedirectResponse(f"/cases/{mediation_case_id}?saved=1", status_code=303)


@router.post("/cases/{mediation_case_id}/failure")
async def failure(
    mediation_case_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep,
    failed_on: Annotated[date, Form()], reason: Annotated[str, Form()], next_route: Annotated[str, Form()],
) -> RedirectResponse:
    """Ends the mediation without agreement and sends the dispute on (A2, M3)."""
    body = _validated(FailureRequest, {"failed_on": failed_on, "reason": reason, "next_route": next_route})
    command = handlers.RecordFailure(
        mediation_case_id, Failure(failed_on=body.failed_on, reason=body.reason.value, next_route=body.next_route)
    )
    await handlers.record_failure(command, _uow(ctx, actor, correlation_id), now=now)
    return RedirectResponse(f"/cases/{mediation_case_id}?saved=1", status_code=303)
