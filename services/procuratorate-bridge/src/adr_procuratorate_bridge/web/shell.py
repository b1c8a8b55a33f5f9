"""The procuratorate's page shell (navigation, templates) and what every page handler shares: rendering, reading a
posted form, validating it as the API would (errors become the same 422)."""

from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError

from adr_procuratorate_bridge import labels
from adr_runtime.web import NavItem, WebShell

SHELL = WebShell(
    service="procuratorate-bridge",
    nav=[
        NavItem("/suggestions", "检察建议"),
        NavItem("/supervision", "监督工作公开"),
        NavItem("/shared-records", "共享信息与回执"),
        NavItem("/hearings", "检察听证"),
        NavItem("/assistance", "司法救助"),
        NavItem("/joint-analyses", "联合研判"),
        NavItem("/evaluations", "案件质量评查"),
        NavItem("/analyses", "年度/专题分析"),
    ],
    templates=Path(__file__).parent / "templates",
)

Body = TypeVar("Body", bound=BaseModel)


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    """Renders one of the procuratorate's templates in the shell."""
    return SHELL.render(request, f"procuratorate/{template}", labels=labels, **context)


def validated(model: type[Body], data: dict[str, Any]) -> Body:
    """The form as the API's body model; a refusal is the same 422 naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError([e | {"loc": ("body", *e["loc"])} for e in exc.errors()]) from None


async def form_data(request: Request) -> dict[str, Any]:
    """The posted fields, trimmed, without the CSRF token and the empty ones."""
    posted = await request.form()
    return {k: str(v).strip() for k, v in posted.items() if k != "csrf_token" and str(v).strip() != ""}
