"""The court studio over HTTP: enforcement review (K3), open-trial observation (M8) and the case record."""

from datetime import date
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from adr_court_bridge import studio, views
from adr_court_bridge.api.deps import SettingsDep, UowDep
from adr_court_bridge.api.schemas import Created
from adr_runtime.api_deps import ClockDep, ContextDep

router = APIRouter(prefix="/api/v1")


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
