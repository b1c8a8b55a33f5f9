"""The portal's pages under /portal: public (no sign-in), mobile-friendly, in Chinese.

Protections of their own: a cookie-bound CSRF token on every form, limits on access attempts per
registration number and per client, every attempt in the audit log, ``Cache-Control: no-store``
on the receipt and the status page. Browsers get pages; other clients get JSON and problem+json.
"""

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from adr_intake.api.schemas import RegistrationRequest
from adr_intake.portal import service
from adr_intake.portal.guard import PortalRefused, check_csrf, client_key, csrf_token, set_csrf_cookie
from adr_intake.portal.uploads import UploadRefused, check_upload
from adr_intake.settings import Settings
from adr_intake.uow import pii_cipher
from adr_intake.web import labels
from adr_intake.web.forms import registration_from_form
from adr_runtime.api_deps import ClockDep, ContextDep, CorrelationDep
from adr_runtime.clock import DISTRICT_TZ, local_date
from adr_runtime.problems import problem
from adr_runtime.web.shell import SHELL_TEMPLATES
from adr_runtime.web.shell import wants_html as _shell_wants_html

router = APIRouter(prefix="/portal", include_in_schema=False)

_ENV = Environment(
    loader=FileSystemLoader([str(Path(__file__).parent / "templates"), str(SHELL_TEMPLATES)]),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEXT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "applicant_id_no",
    "applicant_phone",
    "email",
    "agency_code",
    "act_type",
    "act_doc_no",
    "act_made_on",
    "act_known_on",
    "claims_summary",
)
_FORM_OVERHEAD = 1024 * 1024  # the text fields and the multipart framing
_EMAIL = r"^[^@\s]{1,64}@[^@\s]{1,180}\.[^@\s]{2,}$"


def wants_html(request: Request) -> bool:
    """A browser asking for a page."""
    return _shell_wants_html(request)


def _settings(request: Request) -> Settings:
    settings = request.app.state.ctx.settings
    assert isinstance(settings, Settings)
    return settings


def _render(
    request: Request, template: str, *, status_code: int = 200, no_store: bool = False, **values: Any
) -> Response:
    token = csrf_token(request)
    html = _ENV.get_template(template).render(
        csrf_token=token,
        labels=labels,
        tz=DISTRICT_TZ,
        correlation_id=getattr(request.state, "correlation_id", ""),
        **values,
    )
    response = HTMLResponse(html, status_code=status_code)
    set_csrf_cookie(response, token, secure=_settings(request).auth.secure_cookies(_settings(request).env))
    if no_store:
        response.headers["Cache-Control"] = "no-store"
    return response


def _refusal(request: Request, exc: PortalRefused, template: str | None = None, **values: Any) -> Response:
    if wants_html(request) and template is not None:
        response = _render(request, template, status_code=exc.status, refusal=exc.detail, **values)
    else:
        extra: dict[str, Any] = {}
        if exc.field:
            extra["errors"] = [{"field": exc.field, "message": exc.detail}]
        response = problem(exc.status, detail=exc.detail, type_=f"/problems/portal-{exc.status}", **extra)
    if exc.retry_after:
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


@router.get("")
async def home(request: Request) -> Response:
    """The portal's front page: apply, or follow a dispute."""
    return _render(request, "portal/home.html")


@router.get("/apply")
async def apply_form(request: Request, ctx: ContextDep) -> Response:
    """The online application form."""
    async with ctx.sessions() as session:
        agencies = await service.agency_choices(session)
    return _render(request, "portal/apply.html", form={}, errors={}, agencies=agencies, **_limits(request))


@router.post("/apply")
async def apply(request: Request, ctx: ContextDep, now: ClockDep, correlation_id: CorrelationDep) -> Response:
    """Registers the application; the receipt shows the number and the access code once."""
    limits = _settings(request).portal
    try:
        posted = await _read_form(request, files=limits.max_evidence_files + 1, max_bytes=limits.max_upload_bytes)
        check_csrf(request, posted)
    except PortalRefused as exc:
        return _refusal(request, exc)
    form, body, errors, uploads = await _check_application(request, posted, now)
    async with ctx.sessions() as session:
        agencies = await service.agency_choices(session)
    if errors or body is None:
        detail = "申请未提交：" + "；".join(f"{_label(k)}：{v}" for k, v in errors.items())
        if wants_html(request):
            values = {"form": form, "errors": errors, "agencies": agencies, **_limits(request)}
            return _render(request, "portal/apply.html", status_code=422, refusal=detail, **values)
        problems = [{"field": k, "message": v} for k, v in errors.items()]
        return problem(422, detail=detail, type_="/problems/portal-application", errors=problems)
    try:
        receipt = await service.apply_online(
            ctx, body, uploads, email=form["email"] or None, now=now, correlation_id=correlation_id
        )
    except PortalRefused as exc:
        values = {"form": form, "errors": {exc.field or "form": exc.detail}, "agencies": agencies, **_limits(request)}
        return _refusal(request, exc, "portal/apply.html", **values)
    if wants_html(request):
        return _render(request, "portal/receipt.html", status_code=201, no_store=True, receipt=receipt)
    answer = {
        "registration_no": receipt.registration_no,
        "access_code": receipt.access_code,
        "received_on": receipt.received_on.isoformat(),
        "documents": receipt.documents,
    }
    return JSONResponse(answer, status_code=201, headers={"Cache-Control": "no-store"})


@router.get("/status")
async def status_form(request: Request) -> Response:
    """Where the applicant enters the number and the code."""
    return _render(request, "portal/follow.html", registration_no=request.query_params.get("no", "")[:60])


@router.post("/status")
async def status(request: Request, ctx: ContextDep, now: ClockDep) -> Response:
    """The dispute's public status for the holder of its code (limited per number and per client; audited)."""
    try:
        posted = await _read_form(request, files=0, max_bytes=0)
    except PortalRefused as exc:
        return _refusal(request, exc)
    number = str(posted.get("registration_no") or "").strip()[:60]
    code = str(posted.get("access_code") or "")[:40]
    try:
        check_csrf(request, posted)
        if not number or not code:
            raise PortalRefused(422, "请填写登记号和查询码。", field="registration_no" if not number else "access_code")
        view = await service.follow(
            ctx, registration_no=number, code=code, client=client_key(request, pii_cipher(ctx)), now=now
        )
    except PortalRefused as exc:
        return _refusal(request, exc, "portal/follow.html", registration_no=number)
    if wants_html(request):
        return _render(request, "portal/status.html", no_store=True, view=view)
    return JSONResponse(_status_json(view), headers={"Cache-Control": "no-store"})


async def _read_form(request: Request, *, files: int, max_bytes: int) -> Any:
    """The posted form, refusing oversized requests before reading them and too many files or fields."""
    declared = request.headers.get("content-length", "")
    ceiling = files * max_bytes + _FORM_OVERHEAD
    if declared.isdigit() and int(declared) > ceiling:
        raise PortalRefused(
            413, f"提交的内容过大（合计不超过 {ceiling // (1024 * 1024) or 1} MB），请减少或压缩材料后重试。"
        )
    try:
        return await request.form(max_files=files, max_fields=40, max_part_size=64 * 1024)
    except HTTPException:
        raise PortalRefused(422, "提交的文件或填写项过多，请减少后重试。", field="evidence") from None


async def _check_application(
    request: Request, posted: Any, now: datetime
) -> tuple[dict[str, Any], RegistrationRequest | None, dict[str, str], list[Any]]:
    """The form as typed, the application it makes (None if invalid), the errors by field, and the uploads."""
    form: dict[str, Any] = {k: str(posted.get(k) or "").strip() for k in _TEXT_FIELDS}
    form["mediation_consent"] = "on" if posted.get("mediation_consent") == "on" else ""
    form["truthful"] = "on" if posted.get("truthful") == "on" else ""
    errors, uploads = await _uploads(request, posted)
    body, field_errors = registration_from_form(
        {**form, "channel": "online", "received_on": local_date(now).isoformat(), "claim_types": []}
    )
    errors = {**field_errors, **errors}
    if form["email"] and not _valid_email(form["email"]):
        errors["email"] = "电子邮箱格式不正确"
    if not form["truthful"]:
        errors["truthful"] = "请确认所填内容真实并同意中心处理您的个人信息"
    return form, body, errors, uploads


async def _uploads(request: Request, posted: Any) -> tuple[dict[str, str], list[Any]]:
    limits = _settings(request).portal
    errors: dict[str, str] = {}
    uploads = []
    files = [("decision_document", "decision", f) for f in posted.getlist("decision_document")]
    files += [("evidence", "evidence", f) for f in posted.getlist("evidence")]
    files = [(field, kind, f) for field, kind, f in files if isinstance(f, UploadFile) and f.filename]
    if len([f for f in files if f[0] == "evidence"]) > limits.max_evidence_files:
        errors["evidence"] = f"证据材料最多上传 {limits.max_evidence_files} 个文件"
        return errors, []
    if len([f for f in files if f[0] == "decision_document"]) > 1:
        errors["decision_document"] = "被诉行政行为文书只需上传一个文件"
        return errors, []
    for field, kind, file in files:
        content = await file.read(limits.max_upload_bytes + 1)
        try:
            uploads.append(check_upload(field, kind, file.filename or "", content, max_bytes=limits.max_upload_bytes))
        except UploadRefused as exc:
            errors.setdefault(exc.field, exc.message)
    return errors, uploads


def _limits(request: Request) -> dict[str, Any]:
    limits = _settings(request).portal
    return {"max_mb": max(1, limits.max_upload_bytes // (1024 * 1024)), "max_files": limits.max_evidence_files}


def _valid_email(value: str) -> bool:
    import re

    return re.fullmatch(_EMAIL, value) is not None


_LABELS = {
    "applicant_kind": "申请人类型",
    "applicant_name": "姓名或名称",
    "applicant_id_no": "身份证号或统一社会信用代码",
    "applicant_phone": "手机号码",
    "email": "电子邮箱",
    "agency_code": "被申请机关",
    "act_type": "行政行为类型",
    "act_doc_no": "文书编号",
    "act_made_on": "作出日期",
    "act_known_on": "知道该行为的日期",
    "claims_summary": "请求事项",
    "decision_document": "被诉行政行为文书",
    "evidence": "证据材料",
    "truthful": "承诺",
    "registration_no": "登记号",
    "access_code": "查询码",
}


def _label(field: str) -> str:
    return _LABELS.get(field, field)


def _status_json(view: service.StatusView) -> dict[str, Any]:
    return {
        "registration_no": view.registration_no,
        "received_on": view.received_on.isoformat(),
        "registered_on": view.registered_on.isoformat(),
        "stage": view.stage,
        "stage_zh": view.stage_zh,
        "explanation": view.explanation,
        "agencies": view.agencies,
        "act_type_zh": view.act_type_zh,
        "mediation_consent": view.mediation_consent,
        "deadlines": [{"label": d.label, "day": d.day.isoformat(), "note": d.note} for d in view.deadlines],
        "notices": [
            {
                "subject": n.subject,
                "body": n.body,
                "created_at": n.created_at.isoformat(),
                "channels": {d.channel: d.status for d in n.deliveries},
            }
            for n in view.notices
        ],
        "documents": view.documents,
    }
