"""Rendering pages inside the shared layout (Simplified Chinese, accessible, htmx and ECharts served locally)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from adr_contracts.services import SERVICE_TITLE_ZH, ServiceName

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
SHELL_TEMPLATES = HERE / "templates"

DEFAULT_LINKS: Mapping[ServiceName, str] = {
    "intake": "http://127.0.0.1:8001/",
    "mediation": "http://127.0.0.1:8002/",
    "court-bridge": "http://127.0.0.1:8003/",
    "procuratorate-bridge": "http://127.0.0.1:8004/",
    "reporting": "http://127.0.0.1:8005/",
}


@dataclass(frozen=True)
class NavItem:
    """One entry of the service's own navigation."""

    url: str
    label: str


@dataclass(frozen=True)
class _Link:
    url: str
    label: str
    current: bool


class WebShell:
    """Renders a service's pages in the shared layout; the service adds its own templates folder."""

    def __init__(
        self,
        *,
        service: ServiceName,
        nav: Sequence[NavItem],
        templates: Path | None = None,
        links: Mapping[str, str] | None = None,
    ) -> None:
        self.service = service
        self.nav = list(nav)
        self.links = dict(links or DEFAULT_LINKS)
        loaders = [FileSystemLoader(str(templates))] if templates else []
        self.env = Environment(
            loader=ChoiceLoader([*loaders, FileSystemLoader(str(SHELL_TEMPLATES))]),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def mount(self, app: FastAPI, peer_urls: Mapping[str, str] | None = None) -> None:
        """Serves the shared static files at /static and makes the shell available to error pages.

        Args:
            app: the service's application.
            peer_urls: where the other institutions' services answer (settings ``ADR_PEER_URLS``);
                services not named keep their default address.
        """
        unknown = set(peer_urls or {}) - set(DEFAULT_LINKS)
        if unknown:
            raise ValueError(f"ADR_PEER_URLS names unknown services: {sorted(unknown)}")
        self.links.update(peer_urls or {})
        app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
        app.state.shell = self

    def _shell_context(self) -> dict[str, Any]:
        links = [
            _Link(url=url, label=SERVICE_TITLE_ZH[name], current=name == self.service)  # type: ignore[index]
            for name, url in self.links.items()
        ]
        return {
            "institution": SERVICE_TITLE_ZH[self.service],
            "nav": self.nav,
            "links": links,
            "static": "/static",
        }

    def render(self, request: Request, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
        """Renders ``template`` with the shell, the signed-in person and the CSRF token of the request."""
        values = {
            "shell": self._shell_context(),
            "principal": getattr(request.state, "principal", None),
            "csrf_token": getattr(request.state, "csrf_token", ""),
            "correlation_id": getattr(request.state, "correlation_id", ""),
            "request_path": request.url.path,
            "page_title": context.pop("page_title", ""),
            **context,
        }
        html = self.env.get_template(template).render(**values)
        return HTMLResponse(html, status_code=status_code)


def wants_html(request: Request) -> bool:
    """True for a browser asking for a page (API paths always get problem+json)."""
    path = request.url.path
    if path.startswith("/api/") or path in {"/healthz", "/readyz", "/metrics", "/openapi.json"}:
        return False
    return "text/html" in request.headers.get("accept", "")
