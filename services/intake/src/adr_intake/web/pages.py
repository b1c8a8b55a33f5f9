"""Intake's staff pages: the centre's board (C1), registration (M3), a dispute and its routing."""

from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from adr_intake import handlers, views
from adr_intake.access import CASE_GUARD, restriction_viewer, visible_dispute
from adr_intake.api.routes import registration_command
from adr_intake.api.schemas import RouteRequest
from adr_intake.settings import Settings
from adr_intake.uow import IntakeUnitOfWork, intake_uow
from adr_intake.web import labels
from adr_intake.web.forms import registration_from_form
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep, PrincipalDep
from adr_runtime.auth.scoping import agency_scope
from adr_runtime.clock import local_date
from adr_runtime.web import NavItem, WebShell

SHELL = WebShell(
    service="intake",
    nav=[
        NavItem("/board", "争议总览"),
        NavItem("/disputes/new", "登记争议"),
        NavItem("/directory", "机关目录"),
        NavItem("/inbox", "我的通知"),  # issue #12
    ],
    templates=Path(__file__).parent / "templates",
)

router = APIRouter(include_in_schema=False, dependencies=CASE_GUARD)


def _page(request: Request, template: str, *, status_code: int = 200, **context: object) -> HTMLResponse:
    return SHELL.render(request, template, status_code=status_code, labels=labels, **context)


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/board", status_code=303)


@router.get("/board")
async def board(
    request: Request,
    ctx: ContextDep,
    now: ClockDep,
    principal: PrincipalDep,
    stage: Annotated[str | None, Query()] = None,
    channel: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    """Every dispute across channels, newest first, with how long it has waited (a liaison: its agency's, O3)."""
    page = await views.dispute_page(
        ctx.sessions,
        stage=stage or None,
        channel=channel or None,
        limit=200,
        offset=0,
        agency=agency_scope(principal),
        viewer=restriction_viewer(principal),
    )
    template = "intake/board_rows.html" if request.headers.get("HX-Request") else "intake/board.html"
    return _page(
        request, template, page_title="争议总览", page=page, today=local_date(now), stage=stage, channel=channel
    )


@router.get("/disputes/new")
async def new_dispute(request: Request, now: ClockDep) -> HTMLResponse:
    form = {"received_on": local_date(now)}
    return _page(request, "intake/register.html", page_title="登记争议", form=form, errors={})


@router.post("/disputes/new")
async def register(
    request: Request, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> Response:
    """Registers from the form; on bad input the form comes back with each field's error."""
    posted = await request.form()
    form: dict[str, Any] = {k: str(v) for k, v in posted.items()}
    form["claim_types"] = [str(v) for v in posted.getlist("claim_types")]
    body, errors = registration_from_form(form)
    if body is None:
        return _page(request, "intake/register.html", page_title="登记争议", form=form, errors=errors, status_code=422)
    settings = ctx.settings
    assert isinstance(settings, Settings)
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)  # with the cipher for personal data
    case_id = await handlers.register_dispute(
        registration_command(body),
        uow,
        now=now,
        number_format=settings.registration_no_format,
        rules=settings.classification_rules(),
    )
    return RedirectResponse(f"/disputes/{case_id}?registered=1", status_code=303)


@router.get("/disputes/{case_id}")
async def dispute_page(request: Request, case_id: UUID, ctx: ContextDep, principal: PrincipalDep) -> HTMLResponse:
    dispute = await visible_dispute(request, principal, ctx.sessions, case_id)
    history = await views.history(ctx.sessions, ctx.tables, case_id)
    registered = request.query_params.get("registered")
    flash = {"kind": "ok", "text": f"已登记，登记号 {dispute.registration_no}"} if registered else None
    title = f"争议 {dispute.registration_no}"
    return _page(request, "intake/dispute.html", page_title=title, dispute=dispute, history=history, flash=flash)


@router.post("/disputes/{case_id}/route")
async def route(
    case_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    route: Annotated[str, Form()],
    reason_code: Annotated[str, Form()],
    basis: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    """Routes from the dispute page; a rule refusal shows the shared error page."""
    try:
        body = RouteRequest.model_validate({"route": route, "reason_code": reason_code, "basis": basis or None})
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
    command = handlers.RouteDispute(
        case_id=case_id, route=body.route.value, reason_code=body.reason_code, basis=body.basis
    )
    uow = IntakeUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id)
    await handlers.route_dispute(command, uow, now=now)
    return RedirectResponse(f"/disputes/{case_id}", status_code=303)
