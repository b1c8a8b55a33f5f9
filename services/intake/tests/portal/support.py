"""Helpers of the portal's tests: an anonymous client with the portal's CSRF cookie, an application."""

import re
from typing import Any

import httpx

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html"}

FORM = {
    "applicant_kind": "natural",
    "applicant_name": "张三",
    "applicant_id_no": "420502199001011234",
    "applicant_phone": "13800001234",
    "email": "zhang.san@example.cn",
    "agency_code": "WJG-SCJ",
    "act_type": "penalty",
    "act_doc_no": "伍市监罚〔2026〕12号",
    "act_made_on": "2026-11-02",
    "act_known_on": "2026-11-05",
    "claims_summary": "请求撤销罚款决定",
    "mediation_consent": "on",
    "truthful": "on",
}


async def csrf(client: httpx.AsyncClient) -> str:
    """Opens the form once: the browser's token (cookie) and the form's hidden field."""
    page = await client.get("/portal/apply", headers=HTML)
    assert page.status_code == 200, page.text
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match is not None
    return match.group(1)


def files(
    decision: tuple[str, bytes] | None = ("决定书.pdf", PDF), evidence: list[tuple[str, bytes]] | None = None
) -> list[Any]:
    """The multipart files of an application."""
    parts: list[Any] = []
    if decision is not None:
        parts.append(("decision_document", (decision[0], decision[1], "application/octet-stream")))
    for name, content in evidence if evidence is not None else [("现场照片.png", PNG)]:
        parts.append(("evidence", (name, content, "application/octet-stream")))
    return parts


async def apply(
    client: httpx.AsyncClient, *, headers: dict[str, str] = JSON, files_: list[Any] | None = None, **form: str
) -> httpx.Response:
    """Posts an application (the form with changes)."""
    token = await csrf(client)
    data = {**FORM, **form, "csrf_token": token}
    return await client.post("/portal/apply", data=data, files=files() if files_ is None else files_, headers=headers)


async def follow(
    client: httpx.AsyncClient, number: str, code: str, *, headers: dict[str, str] = JSON
) -> httpx.Response:
    """Asks for the status page with a number and a code."""
    token = await csrf(client)
    data = {"registration_no": number, "access_code": code, "csrf_token": token}
    return await client.post("/portal/status", data=data, headers=headers)
