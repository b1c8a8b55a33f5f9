"""``/api/v1/directory``: agencies, street offices and the township with their liaison officers (O3)."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse

from adr_intake.api.directory_schemas import ImportReport, LiaisonIn, UnitDetail, UnitIn, UnitPatch, UnitView
from adr_intake.directory import handlers, views
from adr_intake.directory.files import PACKAGED_DIRECTORY, UnreadableFile, read_table
from adr_intake.domain.directory import AgencyKind, UnitFacts
from adr_intake.uow import IntakeUnitOfWork, intake_uow
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.problems import problem

router = APIRouter(prefix="/api/v1/directory", tags=["directory"])

_TABLE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The table: CSV (UTF-8 or GB18030) or XLSX (first worksheet), header in row 1.",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {"type": "string", "format": "binary"}
            },
        },
    }
}


@router.get("/units", response_model=list[UnitView])
async def list_units(
    ctx: ContextDep,
    kind: Annotated[AgencyKind | None, Query()] = None,
    include_retired: Annotated[bool, Query()] = False,
) -> list[UnitView]:
    """The directory's units by kind and code, with their liaison counts; `status_zh` says 待核实 for unchecked rows."""
    return await views.units(ctx.sessions, kind=kind.value if kind else None, include_retired=include_retired)


@router.get("/units/{code}", response_model=UnitDetail)
async def get_unit(code: str, ctx: ContextDep) -> UnitDetail:
    """One unit with its liaison officers (names and phones masked). 404 if unknown."""
    return await views.unit(ctx.sessions, code)


@router.post("/units", status_code=status.HTTP_201_CREATED, response_model=UnitDetail)
async def create_unit(
    body: UnitIn, response: Response, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> UnitDetail:
    """Adds a unit; publishes `adr.intake.directory.agency_changed.v1` (added). 409 if the code exists."""
    facts = UnitFacts(**body.model_dump(exclude={"code"}))
    await handlers.create_unit(body.code, facts, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    response.headers["Location"] = f"{router.prefix}/units/{body.code}"
    return await views.unit(ctx.sessions, body.code)


@router.patch("/units/{code}", response_model=UnitDetail)
async def update_unit(
    code: str, body: UnitPatch, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> UnitDetail:
    """Changes the fields given (e.g. `verified` with its `source` once checked); a removed unit comes back."""
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    await handlers.update_unit(code, changes, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return await views.unit(ctx.sessions, code)


@router.delete("/units/{code}", status_code=status.HTTP_204_NO_CONTENT)
async def retire_unit(
    code: str, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> None:
    """Removes a unit from the directory (kept for the disputes naming it); publishes the change (removed)."""
    await handlers.retire_unit(code, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)


@router.post("/units/{code}/liaisons", status_code=status.HTTP_201_CREATED, response_model=UnitDetail)
async def add_liaison(
    code: str, body: LiaisonIn, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> UnitDetail:
    """Designates a liaison officer; name and phone are encrypted at rest and shown masked."""
    command = handlers.AddLiaison(code=code, name=body.name, phone=body.phone, post=body.post)
    await handlers.add_liaison(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return await views.unit(ctx.sessions, code)


@router.delete("/units/{code}/liaisons/{liaison_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_liaison(
    code: str, liaison_id: UUID, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> None:
    """Withdraws a liaison officer's designation. 404 if the unit or the liaison is unknown."""
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    await handlers.remove_liaison(code, liaison_id, uow, now=now)


@router.post("/imports", response_model=ImportReport, openapi_extra=_TABLE_BODY)
async def import_units(
    request: Request,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    dry_run: Annotated[bool, Query(description="check and count only, import nothing")] = False,
) -> ImportReport | JSONResponse:
    """Imports units (and liaisons: optional columns liaison_name, liaison_phone, liaison_post) from CSV or XLSX.

    Columns: code, name_zh, kind, level, reconsideration_organ_zh, verified, source (or source_url),
    English as in the district's file or Chinese (机关代码, 名称, 类型, 层级, 复议机关, 已核实, 来源).
    All or nothing: with any bad row, nothing is imported and the 422 problem lists in `errors`
    every row (numbered as in the spreadsheet, header = 1), its field and a Chinese message.
    Existing units are updated; each unit changed publishes `adr.intake.directory.agency_changed.v1`.
    """
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    return await _import(await request.body(), uow, now=now, only_new=False, dry_run=dry_run)


@router.post("/seed", response_model=ImportReport)
async def seed_directory(
    ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> ImportReport | JSONResponse:
    """Loads the district's packaged directory (wujiagang_directory.csv); units already present are left as they are."""
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    return await _import(PACKAGED_DIRECTORY.read_bytes(), uow, now=now, only_new=True, dry_run=False)


async def _import(
    content: bytes, uow: IntakeUnitOfWork, *, now: datetime, only_new: bool, dry_run: bool
) -> ImportReport | JSONResponse:
    try:
        table = read_table(content)
    except UnreadableFile as exc:
        errors = [{"row": 0, "field": "file", "message": str(exc)}]
        return problem(422, detail=str(exc), type_="/problems/directory-import", errors=errors)
    outcome = await handlers.import_directory(table, uow, only_new=only_new, dry_run=dry_run, now=now)
    if outcome.errors:
        errors = [{"row": e.row, "field": e.field, "message": e.message} for e in outcome.errors]
        detail = f"导入文件有 {len(errors)} 处错误，未导入任何数据"
        return problem(422, detail=detail, type_="/problems/directory-import", errors=errors)
    return ImportReport(dry_run=dry_run, **vars(outcome.summary))
