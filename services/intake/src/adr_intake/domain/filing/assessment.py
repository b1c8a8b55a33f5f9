"""The eight filing checks together: the deadline, the court level, mediability and the route.

Nothing here is final. A `fail` is a risk of 不予立案 or 驳回起诉 with the article cited; a
`review` is a question for a person; the reviewer confirms or overrides every check.
"""

from dataclasses import dataclass, field
from datetime import date

from adr_intake.domain.filing.claim import check_claim
from adr_intake.domain.filing.deadlines import earliest_filing_date, filing_deadline
from adr_intake.domain.filing.defendant import check_defendant
from adr_intake.domain.filing.facts import Complaint
from adr_intake.domain.filing.jurisdiction import check_jurisdiction, court_level
from adr_intake.domain.filing.limitation import check_limitation
from adr_intake.domain.filing.mediability import is_mediable
from adr_intake.domain.filing.other_bars import check_other_bars
from adr_intake.domain.filing.outcome import Check, CheckResult, CourtLevel, FilingRules, Route, Situation, Verdict
from adr_intake.domain.filing.plaintiff import check_plaintiff
from adr_intake.domain.filing.reconsideration import check_reconsideration, is_reconsideration_first
from adr_intake.domain.filing.scope import check_scope
from adr_runtime.legal_time import PeriodEnd

CHECKS = (
    check_claim,
    check_scope,
    check_plaintiff,
    check_defendant,
    check_limitation,
    check_reconsideration,
    check_jurisdiction,
    check_other_bars,
)


@dataclass(frozen=True)
class FilingAssessment:
    """What the eight checks computed for a complaint as of a date."""

    checks: tuple[CheckResult, ...]
    filing_deadline: PeriodEnd | None
    earliest_filing_date: date | None
    reconsideration_first: bool
    court_level: CourtLevel
    mediable: bool
    route: Route
    as_of: date = field(compare=False)

    def result(self, check: Check) -> CheckResult:
        """The result of one check."""
        return next(r for r in self.checks if r.check is check)


def evaluate(complaint: Complaint, *, as_of: date, rules: FilingRules | None = None) -> FilingAssessment:
    """Runs the eight checks on the complaint as of ``as_of`` (the filing day if none is recorded)."""
    s = Situation(complaint, as_of, rules or FilingRules())
    checks = tuple(check(s) for check in CHECKS)
    mediable = is_mediable(complaint)
    return FilingAssessment(
        checks=checks,
        filing_deadline=filing_deadline(complaint, s.rules),
        earliest_filing_date=earliest_filing_date(complaint, s.rules),
        reconsideration_first=is_reconsideration_first(s),
        court_level=court_level(complaint, s.rules),
        mediable=mediable,
        route=route(checks, mediable=mediable),
        as_of=as_of,
    )


def route(checks: tuple[CheckResult, ...], *, mediable: bool) -> Route:
    """Where the dispute should go.

    A failed reconsideration check means the dispute belongs in reconsideration (reconsideration
    first and not applied for, or a reconsideration still running), unless another check fails
    outright: then it is a risk of not being accepted at all.
    """
    failed = {r.check for r in checks if r.verdict is Verdict.FAIL}
    if failed - {Check.RECONSIDERATION}:
        return Route.NOT_ACCEPTED
    if Check.RECONSIDERATION in failed:
        return Route.RECONSIDERATION
    if mediable:
        return Route.MEDIATION
    return Route.FILING
