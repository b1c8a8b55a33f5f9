"""Storing a completed filing review (row <-> domain mapping)."""

from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.domain.review import FilingReview, ReviewedCheck
from adr_intake.store.tables import filing_reviews


class FilingReviewRepository:
    """Filing reviews in intake's database; one per dispute (the primary key refuses a second)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, review: FilingReview) -> None:
        """Inserts the review in the transaction that routes the dispute."""
        await self._session.execute(insert(filing_reviews).values(**to_row(review)))


def to_row(review: FilingReview) -> dict[str, Any]:
    """The row of a review; each check keeps the computed verdict beside the reviewer's."""
    decision = review.decision
    return {
        "case_id": review.case_id,
        "as_of": review.as_of,
        "reviewed_at": review.reviewed_at,
        "reviewed_by": review.reviewed_by,
        "facts": dict(review.facts),
        "checks": [_check(c) for c in review.checks],
        "filing_deadline": review.filing_deadline,
        "deadline_provisional": review.deadline_provisional,
        "missing_calendar_years": list(review.missing_calendar_years),
        "earliest_filing_date": review.earliest_filing_date,
        "reconsideration_first": review.reconsideration_first,
        "court_level": review.court_level.value,
        "mediable": review.mediable,
        "suggested_route": review.suggested_route.value,
        "route": decision.route.value,
        "reason_code": decision.reason_code,
        "basis": decision.basis,
    }


def _check(c: ReviewedCheck) -> dict[str, Any]:
    return {
        "check": c.check.value,
        "computed_verdict": c.computed.value,
        "verdict": c.verdict.value,
        "overridden": c.overridden,
        "basis": c.basis,
        "explanation": c.explanation,
        "reason": c.reason,
    }
