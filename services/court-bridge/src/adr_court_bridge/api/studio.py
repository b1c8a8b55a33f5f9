"""The court studio over HTTP: materials and plans (A4, M1, J4), hearings (M5), decisions (M7),
confirmation (W3), suggestions (K3, C5, M10), enforcement review (K3) and open trials (M8)."""

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy import select

from adr_contracts.vocabulary import CaseOutcome, ConfirmationOutcome, DecisionKind, SuggestionKind
from adr_court_bridge import documents, studio, views
from adr_court_bridge import suggestions as suggestion_cases
from adr_court_bridge.api.deps import SettingsDep, UowDep
from adr_court_bridge.domain.errors import RecordNotFound
from adr_court_bridge.domain.hearings import Appearance, Appeared, HeadRank, HeadRequired
from adr_court_bridge.domain.suggestions import Trigger
from adr_court_bridge.store.tables import court_cases, decisions, evidence_files, suggestions
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.clock import local_date
from adr_runtime.documents import render_docx, render_pdf

router = APIRouter(prefix="/api/v1")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Created(BaseModel):
    id: UUID


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


# --- decisions ---


class DecisionIn(BaseModel):
    kind: DecisionKind
    outcome: CaseOutcome
    issued_on: date
    served_on: date
    document_no: str | None = Field(default=None, max_length=60)


class DecisionOut(BaseModel):
    id: UUID
    appeal_deadline: date


@router.post("/cases/{case_id}/decisions", status_code=201, response_model=DecisionOut, tags=["decisions"])
async def issue_decision(
    case_id: UUID, body: DecisionIn, ctx: ContextDep, uow: UowDep, settings: SettingsDep, now: ClockDep
) -> DecisionOut:
    """Records a judgment (15-day appeal window) or ruling (10 days) from service (→ decision_issued.v1)."""
    decision_id = await studio.issue_decision(
        case_id,
        kind=body.kind,
        outcome=body.outcome,
        issued_on=body.issued_on,
        served_on=body.served_on,
        document_no=body.document_no,
        uow=uow,
        periods=settings.periods(),
        now=now,
    )
    async with ctx.sessions() as session:
        deadline = await session.scalar(select(decisions.c.appeal_deadline).where(decisions.c.id == decision_id))
    return DecisionOut(id=decision_id, appeal_deadline=deadline)


async def _qa_notice(ctx: ContextDep, settings: SettingsDep, decision_id: UUID) -> documents.Document:
    async with ctx.sessions() as session:
        row = (await session.execute(select(decisions).where(decisions.c.id == decision_id))).one_or_none()
        if row is None:
            raise RecordNotFound("裁判文书", decision_id)
        number = await session.scalar(select(court_cases.c.court_case_no).where(court_cases.c.case_id == row.case_id))
    return documents.qa_notice(row, number or "", settings.court_name)


@router.get("/decisions/{decision_id}/qa-notice.docx", tags=["decisions"], responses={200: {"content": {DOCX: {}}}})
async def qa_notice_docx(decision_id: UUID, ctx: ContextDep, settings: SettingsDep) -> Response:
    """The post-judgment Q&A notice (判后答疑告知书) served with the decision, as DOCX."""
    return Response(render_docx(await _qa_notice(ctx, settings, decision_id)), media_type=DOCX)


@router.get(
    "/decisions/{decision_id}/qa-notice.pdf", tags=["decisions"], responses={200: {"content": {"application/pdf": {}}}}
)
async def qa_notice_pdf(decision_id: UUID, ctx: ContextDep, settings: SettingsDep) -> Response:
    """The post-judgment Q&A notice as PDF."""
    return Response(render_pdf(await _qa_notice(ctx, settings, decision_id)), media_type="application/pdf")


class QaIn(BaseModel):
    held_on: date
    judge: str = Field(min_length=1, max_length=100)
    questions: str = Field(min_length=1)
    answers: str = Field(min_length=1)
    party_response: Literal["accepted", "will_appeal", "undecided", "petition"] = Field(
        description="服判息诉 / 拟上诉 / 未表态 / 拟信访"
    )


@router.post("/decisions/{decision_id}/qa-sessions", status_code=201, response_model=Created, tags=["decisions"])
async def record_qa(decision_id: UUID, body: QaIn, uow: UowDep, now: ClockDep) -> Created:
    """Records a post-judgment Q&A session; it does not change the appeal window."""
    return Created(id=await studio.record_qa(decision_id, studio.QaSession(**body.model_dump()), uow, now=now))


class AppealIn(BaseModel):
    appealed_on: date
    appellant_is_agency: bool


@router.post("/decisions/{decision_id}/appeal", status_code=204, tags=["decisions"])
async def record_appeal(decision_id: UUID, body: AppealIn, uow: UowDep, now: ClockDep) -> Response:
    """Records an appeal lodged within the window (→ `adr.court.case.appeal_settled.v1`, appealed=true)."""
    await studio.record_appeal(
        decision_id, appealed_on=body.appealed_on, appellant_is_agency=body.appellant_is_agency, uow=uow, now=now
    )
    return Response(status_code=204)


class SweepOut(BaseModel):
    published: int


@router.post("/sweeps/appeal-windows", response_model=SweepOut, tags=["sweeps"])
async def sweep_appeal_windows(uow: UowDep, now: ClockDep) -> SweepOut:
    """Settles decisions whose appeal window closed without an appeal (appealed=false); safe to run repeatedly."""
    return SweepOut(published=await studio.sweep_appeal_windows(uow, today=local_date(now), now=now))


@router.post("/sweeps/suggestion-replies", response_model=SweepOut, tags=["sweeps"])
async def sweep_suggestion_replies(uow: UowDep, now: ClockDep) -> SweepOut:
    """Publishes `adr.court.suggestion.overdue.v1` once per suggestion unanswered past its deadline."""
    return SweepOut(published=await suggestion_cases.sweep_overdue(uow, today=local_date(now), now=now))


# --- judicial confirmation ---


class RulingIn(BaseModel):
    outcome: ConfirmationOutcome
    ruled_on: date


class RulingOut(BaseModel):
    ruling_no: str


@router.get("/confirmations", response_model=list[views.ConfirmationView], tags=["confirmation"])
async def list_confirmations(
    ctx: ContextDep, status_: Annotated[Literal["requested", "ruled"] | None, Query(alias="status")] = None
) -> list[views.ConfirmationView]:
    """Applications for judicial confirmation received from mediation (W3)."""
    return await views.confirmation_list(ctx.sessions, status_)


@router.post("/confirmations/{agreement_id}/ruling", response_model=RulingOut, tags=["confirmation"])
async def rule_confirmation(
    agreement_id: UUID, body: RulingIn, uow: UowDep, settings: SettingsDep, now: ClockDep
) -> RulingOut:
    """Rules on the application (→ `adr.court.confirmation.ruled.v1`) with a numbered ruling."""
    number = await studio.rule_confirmation(
        agreement_id, outcome=body.outcome, ruled_on=body.ruled_on, uow=uow, numbering=settings.numbering(), now=now
    )
    return RulingOut(ruling_no=number)


# --- judicial suggestions ---


class DraftIn(BaseModel):
    kind: SuggestionKind
    agency_code: str = Field(min_length=1, max_length=40)
    topic_code: str = Field(min_length=1, max_length=40)
    content: str = Field(min_length=1)
    case_id: UUID | None = None
    related_case_ids: list[UUID] = Field(default_factory=list, description="综合类建议所依据的同类案件")


class IssueIn(BaseModel):
    issued_on: date
    reply_months: int | None = Field(default=None, ge=1, le=12, description="回复期限（月）；缺省为配置值")
    agency_code: str | None = Field(default=None, max_length=40, description="被建议机关；缺省为草稿所列")


class IssueOut(BaseModel):
    suggestion_no: str


class ReplyIn(BaseModel):
    replied_on: date
    adopted: bool
    measures: str = Field(min_length=1, description="整改措施")


class ReplyOut(BaseModel):
    days_late: int


@router.get("/suggestions", response_model=list[views.SuggestionView], tags=["suggestions"])
async def list_suggestions(
    ctx: ContextDep, status_: Annotated[str | None, Query(alias="status")] = None
) -> list[views.SuggestionView]:
    """Judicial suggestions, newest first, with their reply deadlines."""
    return await views.suggestion_list(ctx.sessions, status_)


@router.post("/suggestions", status_code=201, response_model=Created, tags=["suggestions"])
async def draft_suggestion(body: DraftIn, uow: UowDep, now: ClockDep) -> Created:
    """Drafts a suggestion by hand (individual, or comprehensive drawn from similar cases)."""
    draft = suggestion_cases.Draft(
        trigger=Trigger.MANUAL,
        kind=body.kind,
        topic_code=body.topic_code,
        content=body.content,
        agency_code=body.agency_code,
        case_id=body.case_id,
        related_case_ids=tuple(body.related_case_ids),
    )
    return Created(id=await suggestion_cases.draft_by_hand(draft, uow, now=now))


@router.post("/suggestions/{suggestion_id}/issue", response_model=IssueOut, tags=["suggestions"])
async def issue_suggestion(
    suggestion_id: UUID, body: IssueIn, uow: UowDep, settings: SettingsDep, now: ClockDep
) -> IssueOut:
    """Issues a draft with its number and reply deadline (→ `adr.court.suggestion.issued.v1`)."""
    number = await suggestion_cases.issue(
        suggestion_id,
        uow,
        prefix=settings.suggestion_prefix,
        periods=settings.periods(),
        issued_on=body.issued_on,
        reply_months=body.reply_months,
        agency_code=body.agency_code,
        now=now,
    )
    return IssueOut(suggestion_no=number)


@router.post("/suggestions/{suggestion_id}/reply", response_model=ReplyOut, tags=["suggestions"])
async def reply_suggestion(suggestion_id: UUID, body: ReplyIn, uow: UowDep, now: ClockDep) -> ReplyOut:
    """Records the agency's reply and measures (→ `adr.court.suggestion.replied.v1`)."""
    late = await suggestion_cases.reply(
        suggestion_id, uow, replied_on=body.replied_on, adopted=body.adopted, measures=body.measures, now=now
    )
    return ReplyOut(days_late=late)


@router.post("/suggestions/{suggestion_id}/drop", status_code=204, tags=["suggestions"])
async def drop_suggestion(suggestion_id: UUID, uow: UowDep, now: ClockDep) -> Response:
    """Decides not to issue a proposed draft."""
    await suggestion_cases.drop(suggestion_id, uow, now=now)
    return Response(status_code=204)


async def _letter(ctx: ContextDep, settings: SettingsDep, suggestion_id: UUID) -> documents.Document:
    async with ctx.sessions() as session:
        row = (await session.execute(select(suggestions).where(suggestions.c.id == suggestion_id))).one_or_none()
    if row is None:
        raise RecordNotFound("司法建议", suggestion_id)
    return documents.suggestion_letter(row, settings.court_name)


@router.get("/suggestions/{suggestion_id}/letter.docx", tags=["suggestions"], responses={200: {"content": {DOCX: {}}}})
async def suggestion_docx(suggestion_id: UUID, ctx: ContextDep, settings: SettingsDep) -> Response:
    """The judicial suggestion letter (司法建议书) as DOCX."""
    return Response(render_docx(await _letter(ctx, settings, suggestion_id)), media_type=DOCX)


@router.get(
    "/suggestions/{suggestion_id}/letter.pdf",
    tags=["suggestions"],
    responses={200: {"content": {"application/pdf": {}}}},
)
async def suggestion_pdf(suggestion_id: UUID, ctx: ContextDep, settings: SettingsDep) -> Response:
    """The judicial suggestion letter as PDF."""
    return Response(render_pdf(await _letter(ctx, settings, suggestion_id)), media_type="application/pdf")


# --- enforcement review and open trials ---


class EnforcementIn(BaseModel):
    agency_code: str = Field(min_length=1, max_length=40)
    act_doc_no: str = Field(min_length=1, max_length=100, description="申请执行的行政行为文书号")
    applied_on: date
    accepted_on: date


class EnforcementRulingIn(BaseModel):
    outcome: Literal["enforce", "refuse"] = Field(description="准予执行 / 不准予执行")
    reasons: str = Field(min_length=1)
    ruled_on: date


@router.post("/enforcement-reviews", status_code=201, response_model=Created, tags=["enforcement"])
async def receive_enforcement(body: EnforcementIn, uow: UowDep, settings: SettingsDep, now: ClockDep) -> Created:
    """Accepts an agency's application for non-litigation enforcement (行审), with its 7-day review deadline."""
    review_id = await studio.receive_enforcement_application(
        **body.model_dump(), uow=uow, numbering=settings.numbering(), periods=settings.periods(), now=now
    )
    return Created(id=review_id)


@router.post("/enforcement-reviews/{review_id}/ruling", status_code=204, tags=["enforcement"])
async def rule_enforcement(review_id: UUID, body: EnforcementRulingIn, uow: UowDep, now: ClockDep) -> Response:
    """Records the legality review's outcome."""
    await studio.rule_enforcement(review_id, **body.model_dump(), uow=uow, now=now)
    return Response(status_code=204)


@router.get("/enforcement-reviews", response_model=list[views.EnforcementView], tags=["enforcement"])
async def list_enforcement(ctx: ContextDep) -> list[views.EnforcementView]:
    """Applications for non-litigation enforcement, newest first."""
    return await views.enforcement_list(ctx.sessions)


class ObservationIn(BaseModel):
    invitee_kind: Literal["agency", "npc_deputy", "cppcc_member"]
    invitee: str = Field(min_length=1, max_length=100)
    invited_on: date
    hearing_id: UUID | None = None


class OpinionIn(BaseModel):
    attended: bool
    opinion: str | None = None
    opinion_on: date


@router.post("/cases/{case_id}/observations", status_code=201, response_model=Created, tags=["open-trials"])
async def invite_observer(case_id: UUID, body: ObservationIn, uow: UowDep, now: ClockDep) -> Created:
    """Invites an agency, NPC deputy or CPPCC member to observe the open trial (M8)."""
    return Created(id=await studio.invite_observer(case_id, **body.model_dump(), uow=uow, now=now))


@router.post("/observations/{observation_id}/opinion", status_code=204, tags=["open-trials"])
async def record_opinion(observation_id: UUID, body: OpinionIn, uow: UowDep, now: ClockDep) -> Response:
    """Records attendance and the observer's opinion."""
    await studio.record_opinion(observation_id, **body.model_dump(), uow=uow, now=now)
    return Response(status_code=204)


@router.get("/cases/{case_id}", response_model=views.CaseRecord, tags=["cases"])
async def case_record(case_id: UUID, ctx: ContextDep) -> views.CaseRecord:
    """A filed case with its materials, hearings, decisions, suggestions and history (the case page's data)."""
    return await views.case_record(ctx.sessions, case_id)
