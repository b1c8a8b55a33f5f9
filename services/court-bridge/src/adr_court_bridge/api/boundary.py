"""The boundary to the court's systems (K2): batch import and export of court records, JSON or CSV."""

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from adr_court_bridge import boundary
from adr_court_bridge.api.deps import SettingsDep, UowDep
from adr_court_bridge.domain.court_records import BatchRejected, RowProblem
from adr_runtime.api_deps import ClockDep
from adr_runtime.problems import problem

router = APIRouter(prefix="/api/v1/court-records", tags=["boundary"])


class CourtRecordIn(BaseModel):
    """One filed case as the court's system reports it."""

    case_id: str = Field(description="平台案件标识（UUID）；每条记录须对应一个 case_id")
    court_case_no: str = Field(description="案号，如（2026）鄂0503行初12号")
    filed_on: str = Field(description="立案日期 YYYY-MM-DD")
    first_received_on: str = Field(description="收件日期 YYYY-MM-DD")
    agency_codes: list[str] | str = Field(description="被诉机关代码；CSV 中以分号分隔")
    after_mediation: bool | str = False


class ImportResult(BaseModel):
    imported: int


class RowError(BaseModel):
    row: int = Field(description="数据行号，从1起（CSV 表头为第0行）")
    field: str
    message: str


@router.post(
    "/import",
    response_model=ImportResult,
    responses={422: {"description": "批量中有错误行：逐行列出（row, field, message），未导入任何记录"}},
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": {"type": "array", "items": CourtRecordIn.model_json_schema()}},
                "text/csv": {"schema": {"type": "string"}},
            }
        }
    },
)
async def import_records(request: Request, uow: UowDep, settings: SettingsDep, now: ClockDep) -> Any:
    """Imports filed cases from the court's system (JSON array or CSV with a header row).

    One transaction, all or nothing: if any row is bad, the answer is a 422 problem listing every bad
    row (row number, field, Chinese message) and nothing is imported. Each imported case publishes
    `adr.court.case.filed.v1`.
    """
    body = await request.body()
    try:
        rows = boundary.read_csv(body) if "csv" in request.headers.get("content-type", "") else _json_rows(body)
        imported = await boundary.import_records(rows, uow, numbering=settings.numbering(), now=now)
    except BatchRejected as exc:
        return _rejected(exc.problems, str(exc))
    return ImportResult(imported=imported)


def _json_rows(body: bytes) -> list[dict[str, Any]]:

    try:
        data = json.loads(body or b"null")
    except ValueError:
        raise BatchRejected([RowProblem(0, "body", "JSON 格式错误")]) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BatchRejected([RowProblem(0, "body", "应为记录对象组成的 JSON 数组")])
    return data


def _rejected(problems: list[RowProblem], detail: str) -> Response:
    errors = [{"row": p.row, "field": p.field, "message": p.message} for p in problems]
    return problem(422, detail=detail, type_="/problems/BatchRejected", errors=errors)


@router.get(
    "/export",
    responses={200: {"content": {"application/json": {}, "text/csv": {}}}},
)
async def export_records(
    uow: UowDep, format_: Annotated[Literal["json", "csv"], Query(alias="format")] = "json"
) -> Response:
    """Every filed case as a court record, each with its `case_id`; CSV uses the import's own columns."""
    records = await boundary.export_records(uow)
    if format_ == "csv":
        return Response(boundary.to_csv(records), media_type="text/csv; charset=utf-8")

    return Response(json.dumps(records, ensure_ascii=False), media_type="application/json")
