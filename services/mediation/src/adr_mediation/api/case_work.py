"""Mediation's HTTP API for the work on a case: risks and their measures, follow-up visits, difficulty, assignments,
sessions, notices to agency heads and plan versions."""

from uuid import UUID

from fastapi import APIRouter

from adr_mediation import handlers
from adr_mediation.access import CASE_GUARD
from adr_mediation.api import schemas as s
from adr_mediation.api.common import UowDep
from adr_mediation.api.common import settings_of as _settings
from adr_mediation.api.common import uow_of as _uow
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep

router = APIRouter(prefix="/api/v1/mediation-cases", tags=["mediation-cases"], dependencies=CASE_GUARD)


@router.post("/{mediation_case_id}/risks", response_model=s.RiskView, status_code=201)
async def assess_risk(
    mediation_case_id: UUID,
    body: s.RiskRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.RiskView:
    """Assesses petition or social-stability risk (RULES.md §7); RiskAssessedV1 commits with it (high: alert)."""
    found = await handlers.assess_risk(
        _uow(ctx, actor, correlation_id),
        mediation_case_id,
        kind=body.kind.value,
        factor_codes=body.factor_codes,
        reasons=body.reasons,
        measures=body.measures,
        assessed_on=body.assessed_on,
        thresholds=_settings(ctx).risk_thresholds(),
        now=now,
    )
    return s.RiskView(
        risk_id=found.id,
        kind=found.kind,
        level=found.level,
        factor_codes=list(found.factor_codes),
        reasons=found.reasons,
        measures=list(found.measures),
        assessed_on=found.assessed_on,
    )


@router.post("/{mediation_case_id}/risks/{risk_id}/measures", status_code=204)
async def add_measure(
    mediation_case_id: UUID,
    risk_id: UUID,
    body: s.MeasureRequest,
    uow: UowDep,
    now: ClockDep,
) -> None:
    """Records a measure taken against an assessed risk."""
    await handlers.add_risk_measure(uow, mediation_case_id, risk_id, measure=body.measure, now=now)


@router.post("/{mediation_case_id}/follow-ups", response_model=s.FollowUpResult, status_code=201)
async def follow_up(
    mediation_case_id: UUID,
    body: s.FollowUpRequest,
    uow: UowDep,
    now: ClockDep,
) -> s.FollowUpResult:
    """A follow-up visit after closing or withdrawal (FollowUpRecordedV1, M10); promise_broken reopens the case."""
    reopened = await handlers.record_follow_up(
        uow,
        mediation_case_id,
        visited_on=body.visited_on,
        outcome=body.outcome.value,
        note=body.note,
        now=now,
    )
    return s.FollowUpResult(reopened=reopened)


@router.put("/{mediation_case_id}/difficulty", status_code=204)
async def set_difficulty(
    mediation_case_id: UUID,
    body: s.DifficultyRequest,
    uow: UowDep,
    now: ClockDep,
) -> None:
    """Sets the difficulty tier the subsidy table prices (RULES.md §8.2)."""
    await handlers.set_difficulty(uow, mediation_case_id, body.difficulty, now=now)


@router.post("/{mediation_case_id}/assignments", status_code=204)
async def assign(
    mediation_case_id: UUID,
    body: s.AssignmentRequest,
    uow: UowDep,
    now: ClockDep,
) -> None:
    """Assigns a mediator or a named agency handler; 422 on a conflict of interest (C4, J2, J3)."""
    await handlers.assign_person(uow, mediation_case_id, body.person_id, role=body.role, now=now)


@router.post("/{mediation_case_id}/sessions", response_model=s.CreatedView, status_code=201)
async def schedule_session(
    mediation_case_id: UUID,
    body: s.SessionRequest,
    uow: UowDep,
    now: ClockDep,
) -> s.CreatedView:
    """Schedules a session; 409 if any person is booked elsewhere at an overlapping time."""
    session_id = await handlers.schedule_session(
        uow,
        mediation_case_id,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        place=body.place,
        person_ids=body.person_ids,
        now=now,
    )
    return s.CreatedView(id=session_id)


@router.post("/{mediation_case_id}/sessions/{session_id}/record", status_code=204)
async def record_session(
    mediation_case_id: UUID,
    session_id: UUID,
    body: s.SessionRecordRequest,
    uow: UowDep,
    now: ClockDep,
) -> None:
    """Records attendance and minutes of a session (W2)."""
    await handlers.record_session(
        uow,
        mediation_case_id,
        session_id,
        attended=body.attended,
        minutes=body.minutes,
        now=now,
    )


@router.post("/{mediation_case_id}/sessions/{session_id}/cancellation", status_code=204)
async def cancel_session(
    mediation_case_id: UUID,
    session_id: UUID,
    uow: UowDep,
    now: ClockDep,
) -> None:
    """Cancels a scheduled session."""
    await handlers.cancel_session(uow, mediation_case_id, session_id, now=now)


@router.post("/{mediation_case_id}/head-notices", response_model=s.CreatedView, status_code=201)
async def head_notice(
    mediation_case_id: UUID,
    body: s.HeadNoticeRequest,
    uow: UowDep,
    now: ClockDep,
) -> s.CreatedView:
    """Notifies a party agency's head to attend (C3)."""
    notice_id = await handlers.send_head_notice(
        uow,
        mediation_case_id,
        agency_code=body.agency_code,
        session_id=body.session_id,
        sent_on=body.sent_on,
        now=now,
    )
    return s.CreatedView(id=notice_id)


@router.post("/{mediation_case_id}/head-notices/{notice_id}", status_code=204)
async def answer_head_notice(
    mediation_case_id: UUID,
    notice_id: UUID,
    body: s.HeadNoticeAnswer,
    uow: UowDep,
    now: ClockDep,
) -> None:
    """Records the acknowledgement of a head notice, or a reminder sent."""
    await handlers.answer_head_notice(uow, mediation_case_id, notice_id, action=body.action, on=body.on, now=now)


@router.post("/{mediation_case_id}/plans", status_code=201)
async def add_plan(
    mediation_case_id: UUID,
    body: s.PlanRequest,
    uow: UowDep,
    now: ClockDep,
) -> dict[str, object]:
    """Adds the next version of the mediation plan (W2); answers the version number."""
    version = await handlers.add_plan_version(uow, mediation_case_id, content=body.content, now=now)
    return {"version": version}
