"""The stored filing review (M4): the eight checks computed, each confirmed or overridden, and the dispute routed."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from adr_intake.domain.filing import Check, Complaint, FilingRules, evaluate
from adr_intake.domain.review import CheckDecision, Reviewer, RouteDecision, review_filing
from adr_intake.uow import IntakeUnitOfWork


@dataclass(frozen=True)
class CompleteFilingReview:
    case_id: UUID
    complaint: Complaint
    as_of: date
    facts: Mapping[str, Any]
    decisions: Mapping[Check, CheckDecision]
    decision: RouteDecision


async def complete_filing_review(
    cmd: CompleteFilingReview, uow: IntakeUnitOfWork, *, rules: FilingRules, now: datetime
) -> None:
    """Stores the review and routes the dispute: FilingReviewCompleted, then DisputeRouted, one transaction."""
    async with uow:
        dispute = await uow.disputes.get(cmd.case_id)
        assessment = evaluate(cmd.complaint, as_of=cmd.as_of, rules=rules)
        reviewer = Reviewer(case_id=dispute.id, by=uow.actor, at=now, facts=cmd.facts)
        review = review_filing(assessment, cmd.decisions, cmd.decision, reviewer=reviewer)
        dispute.complete_filing_review(review)
        await uow.filing_reviews.add(review)
        await uow.disputes.save(dispute)
        await uow.commit()
