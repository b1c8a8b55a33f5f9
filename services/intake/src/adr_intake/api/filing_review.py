"""``/api/v1/disputes/{case_id}/filing-review``: the eight checks reviewed by a person, and the dispute routed (M4)."""

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Response, status

from adr_intake import filing_views
from adr_intake.access import CASE_GUARD
from adr_intake.api.filing_checks import RulesDep
from adr_intake.api.review_schemas import FilingReviewRequest, FilingReviewView
from adr_intake.filing_review import CompleteFilingReview, complete_filing_review
from adr_intake.uow import intake_uow
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date

router = APIRouter(prefix="/api/v1/disputes", tags=["filing-review"], dependencies=CASE_GUARD)


def review_command(case_id: UUID, body: FilingReviewRequest, now: datetime) -> CompleteFilingReview:
    """The use case's command for a review request (``as_of`` defaults to the district's date)."""
    return CompleteFilingReview(
        case_id=case_id,
        complaint=body.to_complaint(),
        as_of=body.as_of or local_date(now),
        facts=body.facts(),
        decisions=body.confirmations.to_decisions(),
        decision=body.route_decision(),
    )


@router.post("/{case_id}/filing-review", status_code=status.HTTP_201_CREATED, response_model=FilingReviewView)
async def review_filing(
    case_id: UUID,
    body: FilingReviewRequest,
    response: Response,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    rules: RulesDep,
) -> FilingReviewView:
    """Stores the reviewer's filing review and routes the dispute, in one transaction.

    The eight checks are computed again from the facts as of `as_of` (default: today in
    Asia/Shanghai), as `POST /api/v1/filing-checks` does. For each check the reviewer either
    confirms the computed verdict or overrides it with a verdict and a reason; the computed and the
    decided verdicts are stored side by side, and a computed `fail` decides nothing by itself.
    `route` is the reviewer's choice (`basis` citing the law is required for `not_accepted`, which
    must rest on a check decided `fail`). The events `adr.intake.dispute.filing_review_completed.v1`
    and `adr.intake.dispute.routed.v1` are committed with it, in that order.

    404 unknown dispute; 409 dispute already routed, or a `computed` verdict the reviewer saw no
    longer holds; 422 a missing confirmation, an override without a reason, or other invalid input.
    """
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    await complete_filing_review(review_command(case_id, body, now), uow, rules=rules, now=now)
    response.headers["Location"] = f"{router.prefix}/{case_id}/filing-review"
    return await filing_views.filing_review(ctx.sessions, case_id)


@router.get("/{case_id}/filing-review", response_model=FilingReviewView)
async def get_filing_review(case_id: UUID, ctx: ContextDep) -> FilingReviewView:
    """The stored filing review of a dispute: each check computed and decided, and the route. 404 if none."""
    return await filing_views.filing_review(ctx.sessions, case_id)
