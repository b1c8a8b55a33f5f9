"""The court studio's staff pages (Chinese, on the shared shell): the filing queue, a case, suggestions."""

from datetime import date
from pathlib import Path
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from adr_court_bridge import handlers, views
from adr_court_bridge.api.deps import SettingsDep, UowDep
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.clock import local_date
from adr_runtime.web import NavItem, WebShell

SHELL = WebShell(
    service="court-bridge",
    nav=[NavItem("/queue", "待立案队列"), NavItem("/suggestions", "司法建议")],
    templates=Path(__file__).parent / "templates",
)

router = APIRouter(include_in_schema=False)

SOURCE = {"dispute_routed": "化解中心分流", "mediation_failed": "调解不成转立案"}
STATUS = {"awaiting_filing": "待立案", "filed": "已立案"}
SUGGESTION_STATUS = {"draft": "草拟", "issued": "已发出待回复", "replied": "已回复", "dropped": "不予发出"}
TRIGGER = {
    "obligation_overdue": "协议义务逾期",
    "head_absent": "负责人未出庭",
    "warning": "同类争议预警",
    "manual": "人工起草",
}
KIND = {"individual": "个案建议", "comprehensive": "综合治理类建议", "judgment": "判决", "ruling": "裁定"}
APPEARED = {"head": "负责人出庭", "staff": "工作人员出庭", "lawyer_only": "仅律师出庭", "none": "无人出庭"}
RANK = {"principal": "正职", "deputy": "副职", "in_charge_deputy": "分管副职", "other_in_charge": "其他分管负责人"}
DECISION_STATUS = {"open": "上诉期内", "appealed": "已上诉", "final": "已生效"}
LABELS = {
    "source": SOURCE,
    "status": STATUS,
    "suggestion_status": SUGGESTION_STATUS,
    "trigger": TRIGGER,
    "kind": KIND,
    "appeared": APPEARED,
    "rank": RANK,
    "decision_status": DECISION_STATUS,
}


def _page(request: Request, template: str, **context: object) -> HTMLResponse:
    return SHELL.render(request, template, labels=LABELS, **context)


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue")
async def queue(request: Request, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    """The filing queue: disputes waiting to be filed, and those filed, newest first."""
    page = await views.filing_queue_page(ctx.sessions, status=None, limit=200, offset=0)
    return _page(request, "court/queue.html", page_title="待立案队列", page=page, today=local_date(now))


@router.post("/queue/{case_id}/filing")
async def file_from_queue(
    case_id: UUID, uow: UowDep, settings: SettingsDep, now: ClockDep, filed_on: Annotated[date, Form()]
) -> RedirectResponse:
    """Files the dispute from the queue page, then shows its case page."""
    await handlers.file_case(case_id, uow, numbering=settings.numbering(), filed_on=filed_on, now=now)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.get("/cases/{case_id}")
async def case_page(request: Request, case_id: UUID, ctx: ContextDep) -> HTMLResponse:
    """A filed case: its timeline, materials and plans, hearings, decisions and suggestions."""
    record = await views.case_record(ctx.sessions, case_id)
    return _page(request, "court/case.html", page_title=f"案件 {record.filing.court_case_no}", record=record)


@router.get("/suggestions")
async def suggestions_page(request: Request, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    """Judicial suggestions with their reply deadlines; overdue ones stand out."""
    items = await views.suggestion_list(ctx.sessions, None)
    return _page(request, "court/suggestions.html", page_title="司法建议", items=items, today=local_date(now))
