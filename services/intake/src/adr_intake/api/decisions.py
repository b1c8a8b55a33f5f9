"""Decisions on a registered dispute: classification by hand (C2), lead agency (A1), withdrawal."""

from uuid import UUID

from fastapi import APIRouter

from adr_intake import decisions, views
from adr_intake.access import CASE_GUARD
from adr_intake.api.decision_schemas import ClassificationRequest, LeadAgencyRequest, WithdrawalRequest
from adr_intake.api.schemas import DisputeView
from adr_intake.uow import intake_uow
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date

router = APIRouter(prefix="/api/v1/disputes", tags=["disputes"], dependencies=CASE_GUARD)


@router.post("/{case_id}/classification", response_model=DisputeView)
async def classify_dispute(
    case_id: UUID,
    body: ClassificationRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> DisputeView:
    """Classifies the dispute by hand: the flags as they should stand, with the reason (kept by intake).

    The rules already classified it at registration (applicants at or above the group threshold,
    amount at or above the major threshold, an act type configured as sensitive). A change publishes
    `adr.intake.dispute.classified.v1`, with `alert: true` when the dispute has just become major.
    404 unknown dispute; 409 withdrawn.
    """
    command = decisions.ClassifyDispute(
        case_id=case_id, major=body.major, group=body.group, sensitive=body.sensitive, reason=body.reason
    )
    await decisions.classify_dispute(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return await views.dispute(ctx.sessions, case_id)


@router.post("/{case_id}/lead-agency", response_model=DisputeView)
async def decide_lead_agency(
    case_id: UUID,
    body: LeadAgencyRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> DisputeView:
    """Records the lead agency decided by the Justice Bureau and the court among the agencies involved (A1).

    The lead agency's liaison officers in the directory are recorded as the ones to notify, and
    `adr.intake.dispute.lead_agency_decided.v1` is published. 422 if only one agency is involved
    (it is responsible) or the code is not one of them; 409 already decided or withdrawn.
    """
    command = decisions.DecideLeadAgency(
        case_id=case_id,
        lead_agency_code=body.lead_agency_code,
        reasons=body.reasons,
        decided_on=body.decided_on or local_date(now),
    )
    await decisions.decide_lead_agency(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return await views.dispute(ctx.sessions, case_id)


@router.post("/{case_id}/withdrawal", response_model=DisputeView)
async def withdraw_dispute(
    case_id: UUID,
    body: WithdrawalRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> DisputeView:
    """Records the applicant's withdrawal; publishes `adr.intake.dispute.withdrawn.v1`.

    Only a dispute not yet routed is withdrawn here (409 otherwise: once in mediation, the
    withdrawal of consent ends the mediation there). 409 if already withdrawn.
    """
    command = decisions.WithdrawDispute(case_id=case_id, reason_code=body.reason_code)
    await decisions.withdraw_dispute(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return await views.dispute(ctx.sessions, case_id)
