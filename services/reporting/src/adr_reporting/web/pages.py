"""Reporting's pages in Chinese on the shared shell: every number shown with its definition and its API."""

from datetime import date
from pathlib import Path
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from adr_reporting import notices, views
from adr_reporting.api import oversight_routes, records_routes, typical_case_routes
from adr_reporting.api.indicator_routes import scope_of
from adr_reporting.domain.errors import Conflict, NotFound, ReportingError
from adr_reporting.domain.periods import parse_period
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep
from adr_runtime.clock import local_date
from adr_runtime.web import NavItem, WebShell

SHELL = WebShell(
    service="reporting",
    nav=[
        NavItem("/dashboard", "态势总览"), NavItem("/indicators", "指标与口径"), NavItem("/scorecards", "机关考评"),
        NavItem("/warnings", "预警"), NavItem("/notices", "定期通报"), NavItem("/meetings", "联席会议与督办"),
        NavItem("/typical-cases", "典型案例"), NavItem("/subsidies", "以案定补台账"),
    ],
    templates=Path(__file__).parent / "templates",
)

router = APIRouter(include_in_schema=False)


def _page(request: Request, template: str, **context: object) -> HTMLResponse:
    return SHELL.render(request, template, **context)


def _percent(value: float | None, unit: str) -> str:
    if value is None:
        return "无数据"
    if unit == "率":
        return f"{value * 100:.2f}%"
    if unit == "天":
        return f"{value:.1f} 天"
    return f"{int(value)} {unit}"


SHELL.env.filters["shown"] = lambda indicator: _percent(indicator.value, indicator.unit)


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/dashboard", status_code=303)


@router.get("/dashboard")
async def dashboard(request: Request, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    """Trends, per-agency comparison and cases by stage (ECharts), with the key numbers and their definitions."""
    key = ["disputes_registered", "substantive_resolution_rate", "mediation_success_rate", "head_appearance_rate",
           "litigation_loss_rate", "judicial_suggestion_reply_rate"]
    result = await views.indicator_set(ctx.sessions, scope_of(), now=now, codes=key)
    return _page(request, "reporting/dashboard.html", page_title="态势总览", indicators=result.indicators,
                 today=local_date(now))


@router.get("/indicators")
async def indicators_page(
    request: Request, ctx: ContextDep, now: ClockDep,
    as_of: Annotated[date | None, Query()] = None,
    agency: Annotated[str | None, Query(max_length=40)] = None,
    period: Annotated[str | None, Query(max_length=10)] = None,
) -> HTMLResponse:
    """Every indicator with its numerator, denominator, sources and basis, for a chosen scope."""
    scope = scope_of(as_of=as_of, agency=agency or None, period=period or None)
    result = await views.indicator_set(ctx.sessions, scope, now=now)
    query = "&".join(f"{k}={v}" for k, v in (("as_of", as_of), ("agency", agency), ("period", period)) if v)
    return _page(request, "reporting/indicators.html", page_title="指标与口径", result=result, as_of=as_of,
                 agency=agency or "", period=period or "", api=f"/api/v1/indicators{'?' + query if query else ''}")


@router.get("/scorecards")
async def scorecards_page(
    request: Request, ctx: ContextDep, period: Annotated[str | None, Query(max_length=10)] = None
) -> HTMLResponse:
    """Agencies' rule-of-law scorecards (M10) with the weights."""
    cards = await oversight_routes.scorecards_for(ctx, scope_of(period=period or None))
    return _page(request, "reporting/scorecards.html", page_title="机关考评（法治政府建设考核）", cards=cards,
                 period=period or "")


@router.get("/warnings")
async def warnings_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    """Early warnings (M11, K3)."""
    listed = await oversight_routes.warnings_list(ctx)
    return _page(request, "reporting/warnings.html", page_title="预警", listed=listed)


@router.get("/subsidies")
async def subsidies_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    """The subsidy ledger (R4)."""
    ledger = await oversight_routes.subsidy_ledger(ctx)
    return _page(request, "reporting/subsidies.html", page_title="以案定补台账", ledger=ledger)


@router.get("/notices")
async def notices_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    """Notices generated, and a form to generate one (C6)."""
    listed = await notices.generated(ctx.sessions)
    return _page(request, "reporting/notices.html", page_title="定期通报", listed=listed, formats=notices.FORMATS)


@router.post("/notices")
async def generate_notice_form(
    request: Request, ctx: ContextDep, now: ClockDep, period: Annotated[str, Form(max_length=10)]
) -> Response:
    """Generates a notice from the form, then shows the list."""
    try:
        named = parse_period(period.strip())
    except ReportingError as exc:
        listed = await notices.generated(ctx.sessions)
        return SHELL.render(request, "reporting/notices.html", status_code=422, page_title="定期通报",
                            listed=listed, formats=notices.FORMATS, error=str(exc), period=period)
    await notices.generate(ctx.sessions, named, issued_on=local_date(now), now=now)
    return RedirectResponse("/notices", status_code=303)


@router.get("/meetings")
async def meetings_page(request: Request, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    """Joint meetings and the supervision of their tasks (O1), overdue ones first."""
    listed = await records_routes.list_meetings(ctx, now)
    tasks = await records_routes.list_tasks(ctx, now)
    overdue = [t for t in tasks if t.overdue]
    return _page(request, "reporting/meetings.html", page_title="联席会议与督办", meetings=listed, overdue=overdue,
                 today=local_date(now), form={})


MEETING_FORM_ERROR = "会议名称、日期和召集单位均须填写，督办事项须写明事项和责任单位"


def _meeting_from_form(form: dict[str, str]) -> records_routes.MeetingIn:
    """The meeting the form describes; a ReportingError naming the line that cannot be read."""
    tasks = []
    for number, line in enumerate(form["tasks"].splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.replace("|", "｜").split("｜")]
        if len(parts) != 3:
            raise ReportingError(f"督办事项第 {number} 行应为“事项｜责任单位｜办理期限”")
        try:
            due = date.fromisoformat(parts[2])
        except ValueError as exc:
            raise ReportingError(f"督办事项第 {number} 行的办理期限应为 2026-12-31 格式") from exc
        tasks.append(records_routes.TaskIn(title=parts[0], owner_unit=parts[1], due_on=due))
    absent = "（缺席）"
    attendance = [
        records_routes.Attendance(unit=line.strip().removesuffix(absent), present=not line.strip().endswith(absent))
        for line in form["attendance"].splitlines() if line.strip()
    ]
    try:
        held_on = date.fromisoformat(form["held_on"])
    except ValueError as exc:
        raise ReportingError("会议日期应为 2026-11-05 格式") from exc
    resolutions = [line.strip() for line in form["resolutions"].splitlines() if line.strip()]
    return records_routes.MeetingIn(title=form["title"].strip(), held_on=held_on, convenor=form["convenor"].strip(),
                                    agenda=form["agenda"], attendance=attendance, resolutions=resolutions, tasks=tasks)


@router.post("/meetings")
async def record_meeting_form(
    request: Request,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    title: Annotated[str, Form(max_length=200)] = "",
    held_on: Annotated[str, Form(max_length=10)] = "",
    convenor: Annotated[str, Form(max_length=100)] = "",
    agenda: Annotated[str, Form(max_length=5000)] = "",
    attendance: Annotated[str, Form(max_length=5000)] = "",
    resolutions: Annotated[str, Form(max_length=20000)] = "",
    tasks: Annotated[str, Form(max_length=20000)] = "",
) -> Response:
    """Records a joint meeting from the form (O1)."""
    form = {"title": title, "held_on": held_on, "convenor": convenor, "agenda": agenda, "attendance": attendance,
            "resolutions": resolutions, "tasks": tasks}
    try:
        await records_routes.record_meeting(ctx, now, actor, _meeting_from_form(form))
    except (ValidationError, ReportingError) as exc:
        error = str(exc) if isinstance(exc, ReportingError) else MEETING_FORM_ERROR
        listed = await records_routes.list_meetings(ctx, now)
        overdue = [t for t in await records_routes.list_tasks(ctx, now) if t.overdue]
        return SHELL.render(request, "reporting/meetings.html", status_code=422, page_title="联席会议与督办",
                            meetings=listed, overdue=overdue, today=local_date(now), form=form, error=error)
    return RedirectResponse("/meetings", status_code=303)


@router.post("/tasks/{task_id}/done")
async def task_done_form(
    ctx: ContextDep, now: ClockDep, task_id: UUID, note: Annotated[str, Form(max_length=2000)] = ""
) -> RedirectResponse:
    """Marks a task done from the meetings page."""
    body = records_routes.TaskDone(done_on=local_date(now), note=note or None)
    await records_routes.complete_task(ctx, now, task_id, body)
    return RedirectResponse("/meetings", status_code=303)


@router.get("/typical-cases")
async def typical_cases_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    """Typical cases (R3): drafts with what personal data remains, and published ones."""
    cases = await typical_case_routes.list_cases(ctx)
    return _page(request, "reporting/typical_cases.html", page_title="典型案例", cases=cases, form={})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("，", "\n").replace(",", "\n").splitlines() if line.strip()]


@router.post("/typical-cases")
async def draft_case_form(
    request: Request,
    ctx: ContextDep,
    title: Annotated[str, Form(max_length=200)] = "",
    body: Annotated[str, Form(max_length=20000)] = "",
    known_names: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Drafts a typical case from the form."""
    form = {"title": title, "body": body, "known_names": known_names}
    try:
        draft = typical_case_routes.TypicalCaseIn(
            title=title.strip(), body=body.strip(), known_names=_lines(known_names)
        )
        await typical_case_routes.draft_case(ctx, draft)
    except (ValidationError, ReportingError) as exc:
        error = "标题和正文均须填写" if isinstance(exc, ValidationError) else str(exc)
        cases = await typical_case_routes.list_cases(ctx)
        return SHELL.render(request, "reporting/typical_cases.html", status_code=422, page_title="典型案例",
                            cases=cases, form=form, error=error)
    return RedirectResponse("/typical-cases", status_code=303)


@router.post("/typical-cases/{case_id}/publish")
async def publish_case_form(request: Request, ctx: ContextDep, now: ClockDep, case_id: UUID) -> Response:
    """Publishes a draft, or shows why it cannot be published."""
    try:
        await typical_case_routes.publish_case(ctx, now, case_id)
    except ReportingError as exc:
        cases = await typical_case_routes.list_cases(ctx)
        status = 404 if isinstance(exc, NotFound) else 409 if isinstance(exc, Conflict) else 422
        return SHELL.render(request, "reporting/typical_cases.html", status_code=status, page_title="典型案例",
                            cases=cases, form={}, error=str(exc))
    return RedirectResponse("/typical-cases", status_code=303)
