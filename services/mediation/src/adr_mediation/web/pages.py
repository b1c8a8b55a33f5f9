"""Mediation's staff pages: "my cases" and the case page with the agreement and failure forms."""

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import APIRouter, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from adr_mediation import handlers, views
from adr_mediation.access import visible_case
from adr_mediation.api.schemas import AgreementRequest, FailureRequest
from adr_mediation.domain.model import Agreement, Failure
from adr_mediation.uow import MediationUnitOfWork
from adr_mediation.web import labels
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep, PrincipalDep
from adr_runtime.auth.scoping import agency_scope
from adr_runtime.clock import local_date
from adr_runtime.web import NavItem, WebShell

SHELL = WebShell(
    service="mediation", nav=[NavItem("/cases", "我的案件")], templates=Path(__file__).parent / "templates"
)

router = APIRouter(include_in_schema=False)

Body = TypeVar("Body", AgreementRequest, FailureRequest)


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return SHELL.render(request, template, labels=labels, **context)


def _validated(model: type[Body], data: dict[str, object]) -> Body:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


def _fen(yuan: str) -> int | None:
    """An amount in yuan as typed (``1500.5``) in fen; empty means none."""
    if not yuan.strip():
        return None
    try:
        return int((Decimal(yuan.strip()) * 100).to_integral_value())
    except InvalidOperation:
        error = {"loc": ("body", "total_amount_yuan"), "msg": "请输入以元为单位的金额", "type": "decimal_parsing"}
        raise RequestValidationError([error]) from None


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/cases", status_code=303)


@router.get("/cases")
async def my_cases(request: Request, ctx: ContextDep, now: ClockDep, principal: PrincipalDep) -> HTMLResponse:
    """The open cases (for now every mediator sees every open case), nearest period end first."""
    page = await views.mediation_case_page(
        ctx.sessions, status="open", case_id=None, limit=200, offset=0, agency=agency_scope(principal)
    )
    cases = sorted(page.items, key=lambda c: c.period_ends_on)
    return _page(request, "mediation/cases.html", page_title="我的案件", cases=cases, today=local_date(now))


@router.get("/cases/{mediation_case_id}")
async def case_page(
    request: Request, mediation_case_id: UUID, ctx: ContextDep, now: ClockDep, principal: PrincipalDep
) -> HTMLResponse:
    """The case's facts, stage, period end with the days left, and the forms that close it."""
    case = await visible_case(request, principal, ctx.sessions, mediation_case_id)
    today = local_date(now)
    flash = {"kind": "ok", "text": "已保存"} if request.query_params.get("saved") else None
    return _page(
        request, "mediation/case.html", page_title=f"调解案件 {case.registration_no}", case=case, today=today,
        days_left=(case.period_ends_on - today).days, flash=flash,
    )


@router.post("/cases/{mediation_case_id}/agreement")
async def agreement(
    mediation_case_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep,
    agreed_on: Annotated[date, Form()], obligation_count: Annotated[int, Form()],
    total_amount_yuan: Annotated[str, Form()] = "", confirmation_requested: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    """Records the settlement agreement (W3) from the case page."""
    body = _validated(AgreementRequest, {
        "agreed_on": agreed_on, "obligation_count": obligation_count, "total_amount_fen": _fen(total_amount_yuan),
        "confirmation_requested": confirmation_requested,
    })
    command = handlers.RecordAgreement(mediation_case_id, Agreement(**body.model_dump()))
    uow = MediationUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)
    await handlers.record_agreement(command, uow, now=now)
    return RedirectResponse(f"/cases/{mediation_case_id}?saved=1", status_code=303)


@router.post("/cases/{mediation_case_id}/failure")
async def failure(
    mediation_case_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep,
    failed_on: Annotated[date, Form()], reason: Annotated[str, Form()], next_route: Annotated[str, Form()],
) -> RedirectResponse:
    """Closes the case without agreement and sends the dispute on (A2, M3)."""
    body = _validated(FailureRequest, {"failed_on": failed_on, "reason": reason, "next_route": next_route})
    command = handlers.RecordFailure(
        mediation_case_id, Failure(failed_on=body.failed_on, reason=body.reason.value, next_route=body.next_route)
    )
    uow = MediationUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)
    await handlers.record_failure(command, uow, now=now)
    return RedirectResponse(f"/cases/{mediation_case_id}?saved=1", status_code=303)
