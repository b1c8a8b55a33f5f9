"""The court studio over HTTP: judicial suggestions (K3, C5, M10), drafted, issued, answered, as letters."""

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from adr_contracts.vocabulary import SuggestionKind
from adr_court_bridge import documents, views
from adr_court_bridge import suggestions as suggestion_cases
from adr_court_bridge.api.deps import SettingsDep, UowDep
from adr_court_bridge.api.schemas import DOCX, Created
from adr_court_bridge.domain.errors import RecordNotFound
from adr_court_bridge.domain.suggestions import Trigger
from adr_court_bridge.store.tables import suggestions
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.documents import render_docx, render_pdf

router = APIRouter(prefix="/api/v1")


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
