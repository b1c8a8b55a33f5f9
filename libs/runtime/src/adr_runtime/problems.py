"""Errors as RFC 9457 problem documents (``application/problem+json``), for every API."""

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from adr_runtime.web.shell import wants_html

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

_TITLES = {
    400: "请求无效",
    401: "未登录或登录已过期",
    403: "没有权限",
    404: "未找到",
    405: "不支持的请求方法",
    409: "与当前状态冲突",
    413: "内容过大",
    415: "不支持的内容类型",
    422: "输入有误",
    429: "请求过于频繁",
    500: "服务器内部错误",
    503: "服务暂不可用",
}


def problem(status: int, *, detail: str, type_: str = "about:blank", **extra: Any) -> JSONResponse:
    """A problem+json response.

    Args:
        status: the HTTP status.
        detail: a sentence for the person reading it (Chinese for staff-facing errors).
        type_: a URI reference naming the kind of problem.
        **extra: further members (e.g. ``errors`` listing fields).
    """
    body = {"type": type_, "title": _TITLES.get(status, "错误"), "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def respond(request: Request, status: int, *, detail: str, type_: str = "about:blank", **extra: Any) -> Response:
    """The error as a page for a browser (when the service has a web shell), else as problem+json."""
    shell = getattr(request.app.state, "shell", None)
    if shell is not None and wants_html(request):
        return shell.render(  # type: ignore[no-any-return]
            request,
            "shell/error.html",
            status_code=status,
            page_title=_TITLES.get(status, "错误"),
            status=status,
            title=_TITLES.get(status, "错误"),
            detail=detail,
            errors=extra.get("errors"),
            home="/",
        )
    return problem(status, detail=detail, type_=type_, **extra)


def _field_path(location: tuple[Any, ...]) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or str(location[0] if location else "body")


def validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    """Each invalid field with a message; input values are never echoed (personal data)."""
    return [
        {
            "field": _field_path(tuple(error.get("loc", ()))),
            "in": str(error.get("loc", ("body",))[0]),
            "message": error.get("msg", ""),
            "code": error.get("type", ""),
        }
        for error in exc.errors()
    ]


def install_problem_handlers(app: FastAPI, domain_errors: Mapping[type[Exception], int]) -> None:
    """Maps validation errors, HTTP errors, the service's domain errors and crashes to problems.

    Args:
        app: the application.
        domain_errors: each domain error class (and its subclasses) with its HTTP status.
    """

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = validation_errors(exc)
        fields = "、".join(dict.fromkeys(e["field"] for e in errors))
        return respond(request, 422, detail=f"以下字段有误：{fields}", type_="/problems/validation", errors=errors)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "错误")
        response = respond(request, exc.status_code, detail=detail)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    async def on_domain(request: Request, exc: Exception) -> Response:
        status = next((s for cls, s in domain_errors.items() if isinstance(exc, cls)), 422)
        return respond(request, status, detail=str(exc), type_=f"/problems/{type(exc).__name__}")

    async def on_crash(request: Request, exc: Exception) -> Response:
        logger.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
        return respond(request, 500, detail="服务器内部错误，已记录，请稍后重试或联系管理员。")

    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    for error_type in domain_errors:
        app.add_exception_handler(error_type, on_domain)
    app.add_exception_handler(Exception, on_crash)
