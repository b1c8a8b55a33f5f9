"""The court studio over HTTP, materials and plans (A4, M1, J4) and hearings (M5)."""

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy import select

from adr_court_bridge import studio, views
from adr_court_bridge.api.deps import SettingsDep, UowDep
from adr_court_bridge.api.schemas import Created
from adr_court_bridge.domain.errors import RecordNotFound
from adr_court_bridge.domain.hearings import Appearance, Appeared, HeadRank, HeadRequired
from adr_court_bridge.store.tables import evidence_files
from adr_runtime.api_deps import ClockDep, ContextDep

router = APIRouter(prefix="/api/v1")


# --- materials and plans ---


class ServiceIn(BaseModel):
    agency_code: str = Field(min_length=1, max_length=40)
    served_on: date = Field(description="起诉状副本送达被诉机关之日")


class ServiceOut(BaseModel):
    agency_code: str
    served_on: date
    defence_due_on: date = Field(description="答辩期限（送达次日起15日，遇节假日顺延）")


@router.post("/cases/{case_id}/complaint-services", status_code=201, response_model=ServiceOut, tags=["materials"])
async def serve_complaint(
    case_id: UUID, body: ServiceIn, uow: UowDep, settings: SettingsDep, now: ClockDep
) -> ServiceOut:
    """Records service of the complaint on an agency and returns its 15-day defence deadline (A4)."""
    due = await studio.serve_complaint(
        case_id, body.agency_code, body.served_on, uow, periods=settings.periods(), now=now
    )
    return ServiceOut(agency_code=body.agency_code, served_on=body.served_on, defence_due_on=due)


class PlanOut(BaseModel):
    plan_id: UUID
    version: int


@router.post("/cases/{case_id}/resolution-plans", status_code=201, response_model=PlanOut, tags=["materials"])
async def submit_plan(
    case_id: UUID,
    uow: UowDep,
    now: ClockDep,
    agency_code: Annotated[str, Form(min_length=1, max_length=40)],
    submitted_on: Annotated[date, Form()],
    cause: Annotated[str, Form(min_length=1, description="争议成因")],
    earlier_steps: Annotated[str, Form(min_length=1, description="前期化解工作及结果")],
    next_measures: Annotated[str, Form(min_length=1, description="下一步化解措施")],
    agency_decision: Annotated[str | None, Form(description="机关对化解方案的决策意见")] = None,
    responding_unit: Annotated[str | None, Form(description="政府作被告案件的应诉承办单位")] = None,
    sealing_documents: Annotated[list[str] | None, Form(description="报送用印的文书")] = None,
    major_case_argument: Annotated[str | None, Form(description="重大案件的论证意见")] = None,
    evidence: Annotated[list[UploadFile] | None, File(description="证据材料（每个不超过20MB）")] = None,
) -> PlanOut:
    """Records a new version of the agency's substantive resolution plan with its evidence files.

    Multipart form. Every file is stored with its SHA-256 checksum; `adr.court.case.resolution_plan_submitted.v1`
    says whether the plan came within the defence deadline. 422 if the complaint was not served on the agency.
    """
    files = []
    for upload in evidence or ():
        content_type = upload.content_type or "application/octet-stream"
        files.append(studio.EvidenceFile(upload.filename or "evidence", content_type, await upload.read()))
    plan = studio.PlanSubmission(
        agency_code=agency_code,
        submitted_on=submitted_on,
        cause=cause,
        earlier_steps=earlier_steps,
        next_measures=next_measures,
        agency_decision=agency_decision,
        responding_unit=responding_unit,
        sealing_documents=tuple(sealing_documents or ()),
        major_case_argument=major_case_argument,
        evidence=tuple(files),
    )
    plan_id, version = await studio.submit_plan(case_id, plan, uow, now=now)
    return PlanOut(plan_id=plan_id, version=version)


@router.get("/evidence/{file_id}", tags=["materials"], responses={200: {"content": {"application/octet-stream": {}}}})
async def evidence_file(file_id: UUID, ctx: ContextDep) -> Response:
    """One evidence file as stored; the `Digest` header carries its SHA-256."""
    async with ctx.sessions() as session:
        row = (await session.execute(select(evidence_files).where(evidence_files.c.id == file_id))).one_or_none()
    if row is None:
        raise RecordNotFound("证据文件", file_id)
    return Response(row.content, media_type=row.content_type, headers={"X-Checksum-SHA256": row.sha256})


class AuthorisationIn(BaseModel):
    agency_code: str = Field(min_length=1, max_length=40)
    representative: str = Field(min_length=1, max_length=100, description="委托代理人")
    post: str = Field(min_length=1, max_length=100, description="职务")
    powers: list[str] = Field(min_length=1, description="特别授权事项，如：代为承认、放弃、变更诉讼请求，进行和解")
    granted_on: date


@router.post("/cases/{case_id}/authorisations", status_code=201, response_model=Created, tags=["materials"])
async def record_authorisation(case_id: UUID, body: AuthorisationIn, uow: UowDep, now: ClockDep) -> Created:
    """Records the agency's specific authorisation of its representative (特别授权)."""
    grant = studio.Authorisation(**{**body.model_dump(), "powers": tuple(body.powers)})
    return Created(id=await studio.record_authorisation(case_id, grant, uow, now=now))


# --- hearings ---


class HearingIn(BaseModel):
    agency_code: str = Field(min_length=1, max_length=40)
    instance: Literal["first", "second", "retrial"] = "first"
    hearing_on: date
    noticed_on: date = Field(description="出庭通知书送达日，须在开庭3日前")
    head_required: HeadRequired = Field(description="shall 应当 / may 可以 / none 未通知负责人出庭")


@router.post("/cases/{case_id}/hearings", status_code=201, response_model=Created, tags=["hearings"])
async def schedule_hearing(
    case_id: UUID, body: HearingIn, uow: UowDep, settings: SettingsDep, now: ClockDep
) -> Created:
    """Schedules a hearing; refused (422 `HearingRefused`) when notice comes less than 3 days ahead (M5)."""
    hearing_id = await studio.schedule_hearing(
        case_id,
        agency_code=body.agency_code,
        instance=body.instance,
        hearing_on=body.hearing_on,
        noticed_on=body.noticed_on,
        head_required=body.head_required,
        uow=uow,
        periods=settings.periods(),
        now=now,
    )
    return Created(id=hearing_id)


class AppearanceIn(BaseModel):
    held_on: date
    appeared: Appeared
    head_rank: HeadRank | None = None
    spoke_to_substance: bool = Field(default=False, description="负责人是否就实质性化解争议发表意见")
    absence_reason_code: str | None = None
    absence_reason_accepted: bool = False


class AppearanceOut(BaseModel):
    hearing_id: UUID
    suggestion_draft_id: UUID | None = Field(description="违反出庭应诉规定时自动拟制的司法建议")


@router.post("/hearings/{hearing_id}/appearance", response_model=AppearanceOut, tags=["hearings"])
async def record_appearance(hearing_id: UUID, body: AppearanceIn, uow: UowDep, now: ClockDep) -> AppearanceOut:
    """Records who appeared for the agency (→ `adr.court.case.hearing_held.v1`); a violation proposes a suggestion."""
    appearance = Appearance(
        appeared=body.appeared,
        head_rank=body.head_rank,
        spoke_to_substance=body.spoke_to_substance,
        absence_reason_code=body.absence_reason_code,
        absence_reason_accepted=body.absence_reason_accepted,
    )
    draft = await studio.record_hearing(hearing_id, appearance, body.held_on, uow, now=now)
    return AppearanceOut(hearing_id=hearing_id, suggestion_draft_id=draft)


@router.get("/appearance-rate", response_model=views.AppearanceCounts, tags=["hearings"])
async def appearance_rate(
    ctx: ContextDep,
    agency_code: Annotated[str | None, Query()] = None,
    since: Annotated[date | None, Query()] = None,
    until: Annotated[date | None, Query()] = None,
) -> views.AppearanceCounts:
    """The raw counts behind the appearance rate (RULES.md §4.3), so that each way of counting can be computed."""
    return await views.appearance_counts(ctx.sessions, agency_code=agency_code, since=since, until=until)
