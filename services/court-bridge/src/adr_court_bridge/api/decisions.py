"""The court studio over HTTP: decisions with their Q&A and appeals (M7), the sweeps, and judicial confirmation (W3)."""

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from adr_contracts.vocabulary import CaseOutcome, ConfirmationOutcome, DecisionKind
from adr_court_bridge import documents, studio, views
from adr_court_bridge import suggestions as suggestion_cases
from adr_court_bridge.api.deps import SettingsDep, UowDep
from adr_court_bridge.api.schemas import DOCX, Created
from adr_court_bridge.domain.errors import RecordNotFound
from adr_court_bridge.store.tables import court_cases, decisions
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.clock import local_date
from adr_runtime.documents import render_docx, render_pdf

router = APIRouter(prefix="/api/v1")


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
