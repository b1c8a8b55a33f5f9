"""Turning the registration form into the API's request model, with errors per form field."""

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from adr_intake.api.schemas import RegistrationRequest
from adr_intake.web.labels import FORM_FIELDS

_MESSAGES = {
    "missing": "必填",
    "string_too_short": "必填",
    "string_pattern_mismatch": "格式不正确",
    "enum": "请从列表中选择",
    "literal_error": "请从列表中选择",
    "date_from_datetime_parsing": "请填写日期，如 2026-11-20",
    "date_parsing": "请填写日期，如 2026-11-20",
    "date_from_datetime_inexact": "请填写日期，如 2026-11-20",
    "int_parsing": "请填写整数",
    "greater_than_equal": "不能为负数",
}

_OPTIONAL = ("act_doc_no", "amount_yuan", "act_made_on", "act_served_on", "act_known_on", "postmark_on")
# reconsideration form field suffix -> request key
_RECONSIDERATION = {"organ": "organ", "decision_type": "decision_type", "served_on": "decision_served_on"}


def registration_from_form(form: Mapping[str, Any]) -> tuple[RegistrationRequest | None, dict[str, str]]:
    """The request built from the form, or the Chinese error of each form field.

    Fields are strings, except ``claim_types`` (a list of the ticked claim types).
    """
    applicant: dict[str, Any] = {"kind": form.get("applicant_kind", ""), "name": form.get("applicant_name", "")}
    for field in ("id_no", "phone"):
        if value := form.get(f"applicant_{field}", "").strip():
            applicant[field] = value
    data = {
        "channel": form.get("channel", ""),
        "received_on": form.get("received_on", ""),
        "applicants": [applicant],
        "agency_codes": [code.strip() for code in form.get("agency_code", "").split(",") if code.strip()] or [""],
        "act_type": form.get("act_type", ""),
        "claims_summary": form.get("claims_summary", "").strip(),
        "mediation_consent": form.get("mediation_consent") == "on",
    }
    for field in _OPTIONAL:  # optional (issue #4: repeat detection, classification; RULES.md §1.0)
        if value := str(form.get(field) or "").strip():
            data[field] = value
    data["claim_types"] = list(form.get("claim_types") or [])
    if reconsideration := _reconsideration(form):
        data["reconsideration"] = reconsideration
    try:
        return RegistrationRequest.model_validate(data), {}
    except ValidationError as exc:
        return None, _field_errors(exc)


def _reconsideration(form: Mapping[str, Any]) -> dict[str, Any] | None:
    values = {key: str(form.get(f"reconsideration_{name}") or "").strip() for name, key in _RECONSIDERATION.items()}
    applied = form.get("reconsideration_applied") == "on"
    if not applied and not any(values.values()):
        return None
    return {"applied": applied, **{key: value for key, value in values.items() if value}}


def _field_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        path = ".".join(str(p) for p in error["loc"])
        field = FORM_FIELDS.get(path, path.split(".")[0])
        if error["type"] == "value_error":  # the request model's own Chinese message
            message = str(error.get("ctx", {}).get("error", "格式不正确"))
        else:
            message = _MESSAGES.get(error["type"], "格式不正确")
        errors.setdefault(field, message)
    return errors
