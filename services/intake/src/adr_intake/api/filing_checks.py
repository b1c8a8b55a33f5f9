"""``POST /api/v1/filing-checks``: the eight filing checks (八看) on a complaint's facts, stored nowhere (M4)."""

from typing import Annotated

from fastapi import APIRouter, Depends

from adr_intake.api.filing_schemas import FilingCheckRequest, FilingCheckResponse
from adr_intake.domain.filing import FilingRules, evaluate
from adr_intake.holiday_calendar import rules_in_force
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.clock import local_date

router = APIRouter(prefix="/api/v1/filing-checks", tags=["filing-checks"])

FILING_RULES = "filing_rules"
"""Key in ``ServiceContext.extras`` of the district's FilingRules (e.g. with a newly loaded holiday year)."""


async def get_filing_rules(ctx: ContextDep) -> FilingRules:
    """The rules in force: the district's if configured, else the defaults, with every holiday year loaded."""
    rules = ctx.extras.get(FILING_RULES)
    return await rules_in_force(ctx.sessions, rules if isinstance(rules, FilingRules) else FilingRules())


RulesDep = Annotated[FilingRules, Depends(get_filing_rules)]


@router.post("", response_model=FilingCheckResponse)
async def evaluate_filing_checks(body: FilingCheckRequest, now: ClockDep, rules: RulesDep) -> FilingCheckResponse:
    """Runs the eight filing checks on the facts as of `as_of` (default: today in Asia/Shanghai); stores nothing.

    Each check answers `pass`, `fail`, `correctable` or `review` with the article relied on and a
    Chinese explanation. A `fail` is a *risk* of 不予立案 or 驳回起诉, never a decision: a reviewer
    confirms or overrides every check. The filing deadline follows the counting rules of the
    Administrative Litigation Law and China's official holiday calendar (the years packaged with the
    release and those loaded through `PUT /api/v1/holiday-calendar/{year}`); in a year whose official
    schedule is not loaded yet it is counted on weekends alone and marked `deadline_provisional`,
    with the year in `missing_calendar_years`. Invalid input is a 422 problem naming the field.
    """
    as_of = body.as_of or local_date(now)
    return FilingCheckResponse.from_assessment(evaluate(body.to_complaint(), as_of=as_of, rules=rules))
