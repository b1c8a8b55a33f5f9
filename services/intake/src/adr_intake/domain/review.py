"""The stored filing review (M4): each computed check beside the reviewer's verdict on it, and the route chosen.

The system flags, a person decides (RULES.md): a computed verdict is kept as it was computed; the
reviewer confirms it or overrides it with a reason, and chooses the route. A computed `fail` is
never final by itself: only the reviewer's verdicts and route are.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from adr_intake.domain.errors import (
    BasisRequired,
    CheckDecisionMissing,
    ComputedVerdictChanged,
    NotAcceptedWithoutFail,
    OverrideReasonRequired,
    OverrideSameVerdict,
)
from adr_intake.domain.events import CheckOutcome, FilingReviewCompleted
from adr_intake.domain.filing import Check, CheckResult, CourtLevel, FilingAssessment, Route, Verdict


@dataclass(frozen=True)
class CheckDecision:
    """The reviewer on one check: no verdict confirms the computed one; a verdict overrides it (with a reason).

    ``seen`` is the computed verdict the reviewer was shown, when known: if the computation now
    says otherwise (e.g. a holiday year was loaded meanwhile), the decision was made on other facts.
    """

    verdict: Verdict | None = None
    reason: str | None = None
    seen: Verdict | None = None


@dataclass(frozen=True)
class ReviewedCheck:
    """One of the eight checks: what the rules computed and what the reviewer decided."""

    check: Check
    computed: Verdict
    verdict: Verdict
    basis: str
    explanation: str
    reason: str | None = None

    @property
    def overridden(self) -> bool:
        """The reviewer replaced the computed verdict."""
        return self.verdict is not self.computed


@dataclass(frozen=True)
class RouteDecision:
    """Where the reviewer sends the dispute; not accepting it needs the law cited."""

    route: Route
    reason_code: str
    basis: str | None = None


@dataclass(frozen=True)
class FilingReview:
    """A completed review, stored once per dispute.

    ``facts`` is the complaint as the reviewer entered it (opaque here, kept for the record).
    """

    case_id: UUID
    as_of: date
    reviewed_at: datetime
    reviewed_by: str
    facts: Mapping[str, Any]
    checks: tuple[ReviewedCheck, ...]
    filing_deadline: date | None
    deadline_provisional: bool
    missing_calendar_years: tuple[int, ...]
    earliest_filing_date: date | None
    reconsideration_first: bool
    court_level: CourtLevel
    mediable: bool
    suggested_route: Route
    decision: RouteDecision

    def completed(self) -> FilingReviewCompleted:
        """The event recording the review (the reviewer's verdicts, each marked if overridden)."""
        return FilingReviewCompleted(
            case_id=self.case_id,
            at=self.reviewed_at,
            checks=tuple(CheckOutcome(c.check.value, c.verdict.value, c.basis, c.overridden) for c in self.checks),
            filing_deadline=self.filing_deadline,
            deadline_provisional=self.deadline_provisional,
            reconsideration_first=self.reconsideration_first,
            court_level=self.court_level.value,
            mediable=self.mediable,
        )


@dataclass(frozen=True)
class Reviewer:
    """Who reviews, when, and on which facts."""

    case_id: UUID
    by: str
    at: datetime
    facts: Mapping[str, Any]


def review_filing(
    assessment: FilingAssessment,
    decisions: Mapping[Check, CheckDecision],
    decision: RouteDecision,
    *,
    reviewer: Reviewer,
) -> FilingReview:
    """The review of an assessment: every check confirmed or overridden, and a route with its grounds."""
    checks = tuple(_decide(result, decisions.get(result.check)) for result in assessment.checks)
    _require_grounds(decision, checks)
    deadline = assessment.filing_deadline
    return FilingReview(
        case_id=reviewer.case_id,
        as_of=assessment.as_of,
        reviewed_at=reviewer.at,
        reviewed_by=reviewer.by,
        facts=reviewer.facts,
        checks=checks,
        filing_deadline=deadline.day if deadline else None,
        deadline_provisional=bool(deadline and deadline.provisional),
        missing_calendar_years=deadline.missing_years if deadline else (),
        earliest_filing_date=assessment.earliest_filing_date,
        reconsideration_first=assessment.reconsideration_first,
        court_level=assessment.court_level,
        mediable=assessment.mediable,
        suggested_route=assessment.route,
        decision=decision,
    )


def _decide(result: CheckResult, decision: CheckDecision | None) -> ReviewedCheck:
    if decision is None:
        raise CheckDecisionMissing(result.check.value)
    if decision.seen is not None and decision.seen is not result.verdict:
        raise ComputedVerdictChanged(result.check.value, decision.seen.value, result.verdict.value)
    reason = (decision.reason or "").strip() or None
    verdict = decision.verdict or result.verdict
    if decision.verdict is not None:
        if decision.verdict is result.verdict:
            raise OverrideSameVerdict(result.check.value)
        if reason is None:
            raise OverrideReasonRequired(result.check.value)
    return ReviewedCheck(result.check, result.verdict, verdict, result.basis, result.explanation, reason)


def _require_grounds(decision: RouteDecision, checks: tuple[ReviewedCheck, ...]) -> None:
    if decision.route is not Route.NOT_ACCEPTED:
        return
    if not (decision.basis or "").strip():
        raise BasisRequired()
    if not any(c.verdict is Verdict.FAIL for c in checks):
        raise NotAcceptedWithoutFail()
