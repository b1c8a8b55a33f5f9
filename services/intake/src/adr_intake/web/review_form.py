"""The worksheet's form: its fields to the API's request models, and their errors back to the fields."""

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from adr_intake.api.filing_schemas import FilingCheckRequest
from adr_intake.api.review_schemas import FilingReviewRequest
from adr_intake.domain.filing import Check
from adr_intake.domain.filing.scope import ACT_TYPES

Form = Mapping[str, Any]
"""Posted fields: strings, except ``claim_types`` (a list of the ticked claims)."""

_MESSAGES = {
    "missing": "必填",
    "string_too_short": "必填",
    "string_too_long": "内容过长",
    "string_pattern_mismatch": "格式不正确",
    "enum": "请从列表中选择",
    "literal_error": "请从列表中选择",
    "date_from_datetime_parsing": "请填写日期，如 2026-11-20",
    "date_parsing": "请填写日期，如 2026-11-20",
    "date_from_datetime_inexact": "请填写日期，如 2026-11-20",
}

# Errors the request models raise with their own Chinese message.
_OWN_MESSAGES = frozenset(
    {"override_verdict_required", "override_reason_required", "confirm_without_verdict", "basis_required"}
)

# API field path -> form field, so that each error lands beside its input.
_FIELD_OF = {
    "act.type": "act_type",
    "act.made_date": "made_date",
    "act.served_date": "served_date",
    "act.known_date": "known_date",
    "act.application_date": "application_date",
    "plaintiffs.0.kind": "plaintiff_kind",
    "defendants.0.name": "defendant_name",
    "defendants.0.kind": "defendant_kind",
    "defendants.0.level": "defendant_level",
    "reconsideration.applied_date": "reconsideration_applied_date",
    "reconsideration.decision_type": "reconsideration_decision_type",
    "reconsideration.decision_served_date": "reconsideration_served_date",
}


def _on(form: Form, name: str) -> bool:
    return form.get(name) == "on"


def _text(form: Form, name: str) -> str | None:
    value = str(form.get(name) or "").strip()
    return value or None


def initial_form(
    *,
    act_type: str,
    received_on: str,
    applicant_kind: str,
    agency: str,
    today: str,
    act_made_on: str = "",
    act_served_on: str = "",
    act_known_on: str = "",
    postmark_on: str = "",
    claim_types: Sequence[str] = (),
    reconsideration: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The worksheet prefilled from the registered dispute (RULES.md §1.0); the reviewer completes the facts.

    ``reconsideration`` is the registered one (``applied``, ``decision_type``, ``decision_served_on``).
    """
    return {
        "act_type": act_type if act_type in ACT_TYPES else "",
        "failure_to_act": "on" if act_type == "failure_to_act" else "",
        "made_date": act_made_on,
        "served_date": act_served_on,
        "known_date": act_known_on,
        "informed_litigation": "on",
        "informed_reconsideration": "on",
        "plaintiff_kind": applicant_kind,
        "plaintiff_addressee": "on",
        "defendant_name": agency,
        "defendant_kind": "department",
        "defendant_level": "county",
        **_reconsideration_fields(reconsideration or {}),
        "claim_types": list(claim_types),
        "filed_date": received_on,
        "postmark_date": postmark_on,
        "as_of": today,
    }


def _reconsideration_fields(registered: Mapping[str, Any]) -> dict[str, str]:
    served = registered.get("decision_served_on")
    return {
        "reconsideration_applied": "on" if registered.get("applied") else "",
        "reconsideration_decision_type": str(registered.get("decision_type") or ""),
        "reconsideration_served_date": served.isoformat() if served else "",
    }


def facts_body(form: Form) -> dict[str, Any]:
    """The body of ``POST /api/v1/filing-checks`` the form describes."""
    act = {
        "type": _text(form, "act_type") or "",
        "made_date": _text(form, "made_date"),
        "served_date": _text(form, "served_date"),
        "known_date": _text(form, "known_date"),
        "informed_of_litigation_right_and_deadline": _on(form, "informed_litigation"),
        "informed_of_reconsideration_right": _on(form, "informed_reconsideration"),
        "on_the_spot": _on(form, "on_the_spot"),
        "concerns_real_property": _on(form, "real_property"),
        "involves_discretion": _on(form, "involves_discretion"),
        "is_failure_to_act": _on(form, "failure_to_act"),
        "application_date": _text(form, "application_date"),
    }
    return {
        "act": act,
        "plaintiffs": [{"kind": form.get("plaintiff_kind", ""), "is_addressee": _on(form, "plaintiff_addressee")}],
        "defendants": [
            {
                "name": _text(form, "defendant_name") or "",
                "kind": form.get("defendant_kind", ""),
                "level": form.get("defendant_level", ""),
            }
        ],
        "reconsideration": _reconsideration(form),
        "claims": [{"type": claim} for claim in form.get("claim_types") or []],
        "filed_date": _text(form, "filed_date"),
        "postmark_date": _text(form, "postmark_date"),
        "as_of": _text(form, "as_of"),
    }


def _reconsideration(form: Form) -> dict[str, Any]:
    if not _on(form, "reconsideration_applied"):
        return {"applied": False}
    return {
        "applied": True,
        "applied_date": _text(form, "reconsideration_applied_date"),
        "decision_type": _text(form, "reconsideration_decision_type"),
        "decision_served_date": _text(form, "reconsideration_served_date"),
    }


def review_body(form: Form) -> dict[str, Any]:
    """The body of ``POST /api/v1/disputes/{case_id}/filing-review`` the form describes."""
    return {
        **facts_body(form),
        "confirmations": {check.value: _confirmation(form, check.value) for check in Check},
        "route": form.get("route", ""),
        "reason_code": _text(form, "reason_code") or "",
        "basis": _text(form, "basis"),
    }


def _confirmation(form: Form, check: str) -> dict[str, Any]:
    decision = form.get(f"confirm_{check}", "")
    confirmation: dict[str, Any] = {"decision": decision, "computed": _text(form, f"computed_{check}")}
    if decision == "override":
        confirmation.update(verdict=_text(form, f"verdict_{check}"), reason=_text(form, f"reason_{check}"))
    return confirmation


def parse_facts(form: Form) -> tuple[FilingCheckRequest | None, dict[str, str]]:
    """The facts as the API reads them, or the Chinese error of each form field."""
    try:
        return FilingCheckRequest.model_validate(facts_body(form)), {}
    except ValidationError as exc:
        return None, field_errors(exc)


def parse_review(form: Form) -> tuple[FilingReviewRequest | None, dict[str, str]]:
    """The whole review as the API reads it, or the Chinese error of each form field."""
    try:
        return FilingReviewRequest.model_validate(review_body(form)), {}
    except ValidationError as exc:
        return None, field_errors(exc)


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Each form field's first error, in Chinese."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        path = [str(p) for p in error["loc"]]
        kind = error["type"]
        if kind in _OWN_MESSAGES:
            message = error["msg"]
        elif error.get("input") == "":
            message = "必填"
        else:
            message = _MESSAGES.get(kind, "格式不正确")
        errors.setdefault(_form_field(path), message)
    return errors


def _form_field(path: list[str]) -> str:
    if path[:1] == ["confirmations"] and len(path) >= 3:
        prefix = {"decision": "confirm", "verdict": "verdict", "reason": "reason"}.get(path[2], "confirm")
        return f"{prefix}_{path[1]}"
    if path[:1] == ["claims"]:
        return "claim_types"
    dotted = ".".join(path)
    return _FIELD_OF.get(dotted, path[-1] if len(path) == 1 else dotted)
