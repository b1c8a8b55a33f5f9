"""The dispute page's forms for classification by hand (C2), the lead agency (A1) and withdrawal.

A refusal by a rule, or a form field left wrong, shows the shared error page naming it.
"""

from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import APIRouter, Form
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ValidationError

from adr_intake import decisions
from adr_intake.access import CASE_GUARD
from adr_intake.api.decision_schemas import ClassificationRequest, LeadAgencyRequest, WithdrawalRequest
from adr_intake.uow import intake_uow
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date

router = APIRouter(include_in_schema=False, dependencies=CASE_GUARD)

M = TypeVar("M", bound=BaseModel)


def _valid(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


def _back(case_id: UUID) -> RedirectResponse:
    return RedirectResponse(f"/disputes/{case_id}", status_code=303)


@router.post("/disputes/{case_id}/classification")
async def classify(
    case_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    reason: Annotated[str, Form()] = "",
    major: Annotated[str | None, Form()] = None,
    group: Annotated[str | None, Form()] = None,
    sensitive: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    """Classifies by hand from the dispute page (ticked boxes are the flags that stand)."""
    flags = {"major": major == "on", "group": group == "on", "sensitive": sensitive == "on"}
    body = _valid(ClassificationRequest, {**flags, "reason": reason.strip()})
    command = decisions.ClassifyDispute(case_id=case_id, **body.model_dump())
    await decisions.classify_dispute(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return _back(case_id)


@router.post("/disputes/{case_id}/lead-agency")
async def decide_lead_agency(
    case_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    lead_agency_code: Annotated[str, Form()] = "",
    reasons: Annotated[str, Form()] = "",
    decided_on: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Records the lead agency decided by the Justice Bureau and the court."""
    data = {"lead_agency_code": lead_agency_code, "reasons": reasons.strip(), "decided_on": decided_on or None}
    body = _valid(LeadAgencyRequest, data)
    command = decisions.DecideLeadAgency(
        case_id=case_id,
        lead_agency_code=body.lead_agency_code,
        reasons=body.reasons,
        decided_on=body.decided_on or local_date(now),
    )
    await decisions.decide_lead_agency(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return _back(case_id)


@router.post("/disputes/{case_id}/withdrawal")
async def withdraw(
    case_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    reason_code: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Records the applicant's withdrawal from the dispute page."""
    body = _valid(WithdrawalRequest, {"reason_code": reason_code})
    command = decisions.WithdrawDispute(case_id=case_id, reason_code=body.reason_code)
    await decisions.withdraw_dispute(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return _back(case_id)
