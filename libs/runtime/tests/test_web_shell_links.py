"""The shell's links to the other institutions follow the deployment, not fixed ports (issue #3, O2)."""

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from adr_runtime.settings import ServiceSettings
from adr_runtime.web.shell import NavItem, WebShell

pytestmark = pytest.mark.clause("O2")


def test_peer_urls_are_read_from_one_platform_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADR_PEER_URLS", '{"mediation": "https://tiaojie.example.gov.cn/"}')

    assert ServiceSettings().peer_urls == {"mediation": "https://tiaojie.example.gov.cn/"}


async def test_the_layout_links_to_the_configured_addresses() -> None:
    shell = WebShell(service="intake", nav=[NavItem("/board", "工作台")])
    app = FastAPI()
    shell.mount(app, {"mediation": "https://tiaojie.example.gov.cn/"})

    @app.get("/page", response_class=HTMLResponse)
    async def page(request: Request) -> HTMLResponse:
        return shell.render(request, "shell/base.html", page_title="测试")

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        html = (await http.get("/page")).text

    assert 'href="https://tiaojie.example.gov.cn/"' in html
    assert 'href="http://127.0.0.1:8003/"' in html  # not named: the default address


def test_an_unknown_service_name_is_refused() -> None:
    shell = WebShell(service="intake", nav=[])

    with pytest.raises(ValueError, match="mediaton"):
        shell.mount(FastAPI(), {"mediaton": "https://typo.example/"})
