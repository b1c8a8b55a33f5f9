"""The eight-check worksheet (立案“八看”审查表, M4): facts, the computed verdicts, the reviewer's decision."""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from adr_intake import filing_views, views
from adr_intake.access import CASE_GUARD
from adr_intake.api.filing_checks import RulesDep
from adr_intake.api.filing_review import review_command
from adr_intake.api.filing_schemas import FilingCheckResponse
from adr_intake.api.schemas import DisputeView
from adr_intake.domain.errors import DomainError
from adr_intake.domain.filing import FilingRules, evaluate
from adr_intake.filing_review import complete_filing_review
from adr_intake.uow import intake_uow
from adr_intake.web import review_labels
from adr_intake.web.pages import SHELL
from adr_intake.web.review_form import Form, initial_form, parse_facts, parse_review
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import local_date

router = APIRouter(include_in_schema=False, dependencies=CASE_GUARD)


def _render(request: Request, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    return SHELL.render(request, template, status_code=status_code, labels=review_labels, **context)


def _title(dispute: DisputeView) -> str:
    return f"立案“八看”审查 · {dispute.registration_no}"


async def _posted(request: Request) -> dict[str, Any]:
    data = await request.form()
    form: dict[str, Any] = {key: str(value) for key, value in data.items() if key != "claim_types"}
    form["claim_types"] = [str(value) for value in data.getlist("claim_types")]
    return form


@dataclass(frozen=True)
class _Sheet:
    """The worksheet as posted, with the rules in force and the district's date."""

    dispute: DisputeView
    form: Form
    rules: FilingRules
    today: date

    def evaluated(self) -> tuple[FilingCheckResponse | None, dict[str, str]]:
        """The eight checks on the posted facts, or each fact's error."""
        facts, errors = parse_facts(self.form)
        if facts is None:
            return None, errors
        assessment = evaluate(facts.to_complaint(), as_of=facts.as_of or self.today, rules=self.rules)
        return FilingCheckResponse.from_assessment(assessment), {}


@router.get("/disputes/{case_id}/review")
async def review_page(request: Request, case_id: UUID, ctx: ContextDep, now: ClockDep) -> HTMLResponse:
    """The stored review if there is one; else the worksheet prefilled from the registered dispute."""
    dispute = await views.dispute(ctx.sessions, case_id)
    stored = await filing_views.filing_review_or_none(ctx.sessions, case_id)
    if stored is not None:
        return _render(request, "intake/review_stored.html", page_title=_title(dispute), dispute=dispute, review=stored)
    form = initial_form(
        act_type=dispute.act_type,
        received_on=dispute.received_on.isoformat(),
        applicant_kind=dispute.applicants[0].kind if dispute.applicants else "natural",
        agency="、".join(dispute.agency_codes),
        today=local_date(now).isoformat(),
        **_registered_facts(dispute),
    )
    return _render(request, "intake/review.html", page_title=_title(dispute), dispute=dispute, form=form, errors={})


def _registered_facts(dispute: DisputeView) -> dict[str, Any]:
    """The contested act's facts recorded at registration, as the worksheet's initial values."""
    dates = {name: getattr(dispute, name) for name in ("act_made_on", "act_served_on", "act_known_on", "postmark_on")}
    rec = dispute.reconsideration
    return {
        **{name: value.isoformat() if value else "" for name, value in dates.items()},
        "claim_types": dispute.claim_types,
        "reconsideration": rec.model_dump() if rec else None,
    }


@router.post("/disputes/{case_id}/review/evaluate")
async def evaluate_partial(
    request: Request, case_id: UUID, ctx: ContextDep, now: ClockDep, rules: RulesDep
) -> HTMLResponse:
    """htmx: the eight verdicts with their basis, the deadline, and the reviewer's controls (stores nothing)."""
    sheet = _Sheet(await views.dispute(ctx.sessions, case_id), await _posted(request), rules, local_date(now))
    result, errors = sheet.evaluated()
    return _render(
        request, "intake/review_result.html", dispute=sheet.dispute, form=sheet.form, errors=errors, result=result
    )


@router.post("/disputes/{case_id}/review")
async def submit_review(
    request: Request,
    case_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    rules: RulesDep,
) -> Response:
    """Stores the review and routes the dispute, then back to the dispute; on errors the worksheet comes back."""
    sheet = _Sheet(await views.dispute(ctx.sessions, case_id), await _posted(request), rules, local_date(now))
    body, errors = parse_review(sheet.form)
    if body is None:
        return _again(request, sheet, status_code=422, errors=errors)
    uow = intake_uow(ctx, actor=actor, correlation_id=correlation_id)
    try:
        await complete_filing_review(review_command(case_id, body, now), uow, rules=rules, now=now)
    except DomainError as exc:
        # the API's status for the refusal (409 already routed or withdrawn, 422 a rule); 404 stays an error page
        status = next((s for kind, s in ctx.spec.domain_errors.items() if isinstance(exc, kind)), 422)
        if status == 404:
            raise
        return _again(request, sheet, status_code=status, notice=str(exc))
    return RedirectResponse(f"/disputes/{case_id}", status_code=303)


def _again(
    request: Request, sheet: _Sheet, *, status_code: int, errors: dict[str, str] | None = None, notice: str = ""
) -> HTMLResponse:
    result, fact_errors = sheet.evaluated()
    return _render(
        request,
        "intake/review.html",
        status_code=status_code,
        page_title=_title(sheet.dispute),
        dispute=sheet.dispute,
        form=sheet.form,
        errors={**fact_errors, **(errors or {})},
        result=result,
        notice=notice,
    )
