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


def registration_from_form(form: Mapping[str, str]) -> tuple[RegistrationRequest | None, dict[str, str]]:
    """The request built from the form, or the Chinese error of each form field."""
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
    for field in ("act_doc_no", "amount_yuan"):  # optional (issue #4: repeat detection, classification)
        if value := form.get(field, "").strip():
            data[field] = value
    try:
        return RegistrationRequest.model_validate(data), {}
    except ValidationError as exc:
        return None, _field_errors(exc)


def _field_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        path = ".".join(str(p) for p in error["loc"])
        field = FORM_FIELDS.get(path, path.split(".")[0])
        errors.setdefault(field, _MESSAGES.get(error["type"], "格式不正确"))
    return errors
