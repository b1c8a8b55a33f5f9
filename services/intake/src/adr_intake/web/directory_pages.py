"""The directory's staff pages (O3): units with 待核实 marks, import with a row-level report, liaisons."""

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from adr_intake.api.directory_schemas import LiaisonIn, UnitFields, UnitIn
from adr_intake.directory import handlers, views
from adr_intake.directory.files import PACKAGED_DIRECTORY, UnreadableFile, read_table
from adr_intake.domain.directory import UnitFacts
from adr_intake.domain.directory_import import RowError
from adr_intake.uow import IntakeUnitOfWork, intake_uow
from adr_intake.web import labels
from adr_intake.web.pages import SHELL
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep

router = APIRouter(include_in_schema=False)

_UNIT_FIELDS = ("name_zh", "kind", "level", "reconsideration_organ_zh", "source")


def _page(request: Request, template: str, *, status_code: int = 200, **context: object) -> HTMLResponse:
    return SHELL.render(request, template, status_code=status_code, labels=labels, **context)


def _valid(model: Any, data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


async def _list_page(
    request: Request,
    ctx: ContextDep,
    *,
    kind: str | None = None,
    errors: list[RowError] | None = None,
    flash: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    units = await views.units(ctx.sessions, kind=kind or None)
    return _page(
        request,
        "intake/directory.html",
        status_code=status_code,
        page_title="机关目录与联络员",
        units=units,
        kind=kind,
        errors=errors or [],
        flash=flash,
    )


_COUNTS = ("added", "updated", "unchanged", "liaisons_added")


@router.get("/directory")
async def directory(request: Request, ctx: ContextDep, kind: Annotated[str | None, Query()] = None) -> HTMLResponse:
    """The directory's units, unchecked rows marked 待核实, with the import form."""
    return await _list_page(request, ctx, kind=kind, flash=_import_flash(request.query_params))


def _import_flash(params: Mapping[str, str]) -> dict[str, str] | None:
    if "added" not in params:
        return None
    n = {name: params.get(name, "0") for name in _COUNTS}
    text = f"新增 {n['added']}、更新 {n['updated']}、未变 {n['unchanged']} 个单位，新增联络员 {n['liaisons_added']} 名"
    if params.get("dry_run"):
        return {"kind": "info", "text": f"试导入（未保存）：{text}"}
    return {"kind": "ok", "text": f"导入完成：{text}"}


@router.post("/directory/import")
async def import_file(
    request: Request,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    file: Annotated[UploadFile, File()],
    dry_run: Annotated[str | None, Form()] = None,
) -> Response:
    """Imports an uploaded CSV or XLSX; any bad row sends the page back with every row's error, nothing imported."""
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    return await _import(request, ctx, await file.read(), uow, now=now, only_new=False, dry_run=dry_run == "on")


@router.post("/directory/seed")
async def seed(
    request: Request, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> Response:
    """Loads the district's packaged directory; units already present are left as they are."""
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    return await _import(request, ctx, PACKAGED_DIRECTORY.read_bytes(), uow, now=now, only_new=True, dry_run=False)


async def _import(
    request: Request,
    ctx: ContextDep,
    content: bytes,
    uow: IntakeUnitOfWork,
    *,
    now: datetime,
    only_new: bool,
    dry_run: bool,
) -> Response:
    try:
        table = read_table(content)
    except UnreadableFile as exc:
        return await _list_page(request, ctx, errors=[RowError(0, "file", str(exc))], status_code=422)
    outcome = await handlers.import_directory(table, uow, only_new=only_new, dry_run=dry_run, now=now)
    if outcome.errors:
        return await _list_page(request, ctx, errors=outcome.errors, status_code=422)
    counts = {name: getattr(outcome.summary, name) for name in _COUNTS} | ({"dry_run": 1} if dry_run else {})
    return RedirectResponse(f"/directory?{urlencode(counts)}", status_code=303)


@router.post("/directory/units")
async def create_unit(
    request: Request, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    """Adds a unit from the list page's form."""
    form = {k: str(v).strip() for k, v in (await request.form()).items() if k != "csrf_token"}
    body = _valid(UnitIn, {**form, "verified": form.get("verified") == "on"})
    facts = UnitFacts(**body.model_dump(exclude={"code"}))
    await handlers.create_unit(body.code, facts, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return RedirectResponse(f"/directory/{body.code}", status_code=303)


@router.get("/directory/{code}")
async def unit_page(request: Request, code: str, ctx: ContextDep) -> HTMLResponse:
    """One unit: its facts (editable), its liaison officers (masked), adding and withdrawing them."""
    unit = await views.unit(ctx.sessions, code)
    return _page(request, "intake/directory_unit.html", page_title=f"{unit.name_zh}（{unit.code}）", unit=unit)


@router.post("/directory/{code}")
async def update_unit(
    request: Request, code: str, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    """Saves the unit's facts from its page (e.g. marking it checked, with the source)."""
    submitted = await request.form()
    form = {k: str(v).strip() for k, v in submitted.items() if k in _UNIT_FIELDS}
    body = _valid(UnitFields, {**form, "verified": submitted.get("verified") == "on"})
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    await handlers.update_unit(code, body.model_dump(), uow, now=now)
    return RedirectResponse(f"/directory/{code}", status_code=303)


@router.post("/directory/{code}/retire")
async def retire_unit(
    code: str, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    """Removes the unit from the directory."""
    await handlers.retire_unit(code, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return RedirectResponse("/directory", status_code=303)


@router.post("/directory/{code}/liaisons")
async def add_liaison(
    code: str,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    name: Annotated[str, Form()] = "",
    phone: Annotated[str, Form()] = "",
    post: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Designates a liaison officer from the unit's page."""
    body = _valid(LiaisonIn, {"name": name.strip(), "phone": phone.strip() or None, "post": post.strip() or None})
    command = handlers.AddLiaison(code=code, name=body.name, phone=body.phone, post=body.post)
    await handlers.add_liaison(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return RedirectResponse(f"/directory/{code}", status_code=303)


@router.post("/directory/{code}/liaisons/{liaison_id}/remove")
async def remove_liaison(
    code: str, liaison_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> RedirectResponse:
    """Withdraws a liaison officer's designation from the unit's page."""
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    await handlers.remove_liaison(code, liaison_id, uow, now=now)
    return RedirectResponse(f"/directory/{code}", status_code=303)
