"""The applicant portal through HTTP, without signing in, on SQLite and PostgreSQL.

Clauses: W1 (register disputes brought by applicants), M3 (registered first, number at once),
C3 and R3 (notices with a record of delivery). Wrong codes are refused, attempts are limited and
audited, uploads are checked by type and size, and nobody sees another person's dispute.
"""

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from adr_intake.portal import codes
from adr_intake.spec import SPEC
from adr_intake.store.tables import auth, disputes, notifications, portal
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, migrated_context

from .support import HTML, JSON, PDF, PNG, apply, csrf, files, follow

pytestmark = [pytest.mark.integration, pytest.mark.clause("W1", "M3")]


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    context = await migrated_context(
        SPEC,
        database_url=database_url,
        portal={"max_failures_per_number": 3, "max_failures_per_client": 6, "max_upload_bytes": 4096},
    )
    yield context
    await context.engine.dispose()


@pytest.fixture
async def client(ctx: ServiceContext) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(ctx, principal=None) as http:  # nobody signed in
        yield http


async def rows(ctx: ServiceContext, table: Any) -> list[Any]:
    async with ctx.sessions() as session:
        return list((await session.execute(select(table))).all())


async def test_an_application_is_registered_online_with_its_documents_and_a_private_code(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    response = await apply(client)

    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    receipt = response.json()
    number, code = receipt["registration_no"], receipt["access_code"]
    assert number.startswith("WJG-") and receipt["documents"] == 2
    assert len(codes.normalise(code)) == 12
    (dispute,) = await rows(ctx, disputes)
    assert (dispute.channel, dispute.registration_no, dispute.mediation_consent) == ("online", number, True)
    assert "张三" not in str(dispute.applicants)  # sealed at rest
    (access,) = await rows(ctx, portal.access)
    assert code not in access.code_hash and codes.normalise(code) not in access.code_hash
    assert access.code_hash.startswith("$argon2id$")
    assert "zhang.san" not in (access.email or "") and access.email_masked == "z***@example.cn"
    documents = await rows(ctx, portal.documents)
    assert sorted((d.kind, d.content_type, d.sha256) for d in documents) == sorted(
        [
            ("decision", "application/pdf", hashlib.sha256(PDF).hexdigest()),
            ("evidence", "image/png", hashlib.sha256(PNG).hexdigest()),
        ]
    )
    assert all("决定书" not in d.filename for d in documents)  # names sealed too
    async with ctx.sessions() as session:
        subjects = (await session.execute(select(ctx.tables.outbox.c.subject))).scalars().all()
    assert "adr.intake.dispute.registered.v1" in subjects
    notices = {n.recipient: n for n in await rows(ctx, notifications.notices)}
    assert set(notices) == {f"applicant:{dispute.id}", "role:centre_staff"}  # the applicant, and the centre's inbox
    notice = notices[f"applicant:{dispute.id}"]
    assert notice.template == "portal.registered"
    channels = {d.channel: d.status for d in await rows(ctx, notifications.deliveries) if d.notice_id == notice.id}
    assert channels == {"in_app": "sent", "email": "pending", "sms": "pending"}
    staff = notices["role:centre_staff"]
    assert staff.template == "staff.online_application" and "伍家岗区市场监督管理局" in staff.body


async def test_the_code_opens_the_public_status_of_that_dispute_only(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    first = (await apply(client)).json()
    second = (
        await apply(client, applicant_name="李四", applicant_id_no="420502199202021234", agency_code="WJG-CGJ")
    ).json()

    response = await follow(client, first["registration_no"], first["access_code"].lower().replace("-", " "))

    assert response.status_code == 200, response.text
    status = response.json()
    assert status["registration_no"] == first["registration_no"]
    assert (status["stage"], status["stage_zh"]) == ("registered", "已登记，待审查分流")
    assert status["deadlines"][0]["label"].startswith("中心审查分流")
    assert [n["subject"] for n in status["notices"]] == [
        f"您的行政争议化解申请已登记（登记号 {first['registration_no']}）"
    ]
    # no personal data, and nothing of the other dispute
    for absent in ("张三", "李四", "13800001234", "zhang.san", second["registration_no"], "WJG-CGJ"):
        assert absent not in response.text
    # the other dispute's code does not open this one
    crossed = await follow(client, first["registration_no"], second["access_code"])
    assert crossed.status_code == 403


@pytest.mark.clause("O2")
async def test_a_wrong_code_and_an_unknown_number_are_refused_alike_and_audited(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    receipt = (await apply(client)).json()

    wrong = await follow(client, receipt["registration_no"], "AAAA-BBBB-CCCC")
    unknown = await follow(client, "WJG-2026-999999", receipt["access_code"])

    assert wrong.status_code == unknown.status_code == 403
    assert wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json()["detail"] == unknown.json()["detail"] == "登记号或查询码不正确，请核对后重试。"
    audit = [r for r in await rows(ctx, auth.audit_log) if r.action == "portal_access"]
    assert [(r.target, r.outcome, r.details["reason"]) for r in audit] == [
        (receipt["registration_no"], "failure", "wrong_code"),
        ("WJG-2026-999999", "failure", "unknown_number"),
    ]
    assert all(receipt["access_code"] not in str(r.details) for r in audit)


async def test_attempts_are_limited_per_registration_number(client: httpx.AsyncClient, ctx: ServiceContext) -> None:
    receipt = (await apply(client)).json()
    number = receipt["registration_no"]
    for _ in range(3):
        assert (await follow(client, number, "AAAA-BBBB-CCCC")).status_code == 403

    limited = await follow(client, number, receipt["access_code"])  # even the right code waits now

    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) == 15 * 60
    assert "查询失败次数过多" in limited.json()["detail"]
    audit = [r.outcome for r in await rows(ctx, auth.audit_log) if r.action == "portal_access"]
    assert audit == ["failure", "failure", "failure", "denied"]


async def test_attempts_are_limited_per_client_across_numbers(client: httpx.AsyncClient) -> None:
    receipt = (await apply(client)).json()
    for n in range(6):
        assert (await follow(client, f"WJG-2026-9000{n:02d}", "AAAA-BBBB-CCCC")).status_code == 403

    assert (await follow(client, receipt["registration_no"], receipt["access_code"])).status_code == 429


@pytest.mark.parametrize(
    ("parts", "field", "message"),
    [
        (files(decision=("决定书.exe", b"MZ\x90\x00binary")), "decision_document", "类型不支持"),
        (files(decision=("决定书.pdf", b"just text, not a pdf")), "decision_document", "类型不支持"),
        (files(evidence=[("照片.png", PDF)]), "evidence", "类型不支持"),
        (files(decision=("决定书.pdf", PDF + b"0" * 5000)), "decision_document", "超过大小上限"),
    ],
    ids=["executable", "text-named-pdf", "pdf-named-png", "too-large"],
)
async def test_uploads_are_refused_by_type_and_size_with_a_chinese_422(
    client: httpx.AsyncClient, ctx: ServiceContext, parts: list[Any], field: str, message: str
) -> None:
    response = await apply(client, files_=parts)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["field"] == field and message in problem["errors"][0]["message"]
    assert message in problem["detail"]
    assert await rows(ctx, disputes) == []  # nothing registered


async def test_too_many_files_and_an_oversized_request_are_refused_before_registering(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    many = await apply(client, files_=files(evidence=[(f"{n}.png", PNG) for n in range(12)]))
    assert many.status_code == 422 and "过多" in many.json()["detail"]

    await csrf(client)  # the browser holds its token: the size alone refuses the request
    huge = await client.post(
        "/portal/apply",
        content=b"x" * 16,
        headers={**JSON, "Content-Type": "multipart/form-data; boundary=b", "Content-Length": str(200 * 1024 * 1024)},
    )
    assert huge.status_code == 413 and "提交的内容过大" in huge.json()["detail"]
    assert await rows(ctx, disputes) == []


async def test_missing_facts_and_an_unknown_agency_are_refused_naming_the_fields(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    missing = await apply(client, applicant_name="", claims_summary="", truthful="")
    assert missing.status_code == 422
    fields = {e["field"] for e in missing.json()["errors"]}
    assert {"applicant_name", "claims_summary", "truthful"} <= fields

    unknown = await apply(client, agency_code="WJG-NOPE")
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{"field": "agency_code", "message": "请从列表中选择被申请的行政机关。"}]
    assert await rows(ctx, disputes) == []


async def test_a_form_without_the_portal_token_is_refused(client: httpx.AsyncClient, ctx: ServiceContext) -> None:
    await csrf(client)
    response = await client.post(
        "/portal/apply", data={"applicant_name": "张三", "csrf_token": "forged"}, files=files(), headers=JSON
    )

    assert response.status_code == 403
    assert "页面已过期" in response.json()["detail"]
    assert await rows(ctx, disputes) == []


async def test_the_pages_work_in_a_browser_without_sign_in_while_staff_pages_still_need_it(
    client: httpx.AsyncClient,
) -> None:
    home = await client.get("/portal", headers=HTML)
    assert home.status_code == 200 and "网上申请" in home.text and "查询办理进度" in home.text
    assert 'name="viewport"' in home.text

    receipt = await apply(client, headers=HTML)
    assert receipt.status_code == 201 and "申请已登记" in receipt.text
    assert receipt.headers["cache-control"] == "no-store"

    refused = await apply(client, headers=HTML, files_=files(decision=("a.gif", b"GIF89a")))
    assert refused.status_code == 422 and "仅接受 PDF、JPG、PNG 格式" in refused.text

    staff = await client.get("/board", headers=HTML)
    assert staff.status_code == 303 and staff.headers["location"].startswith("/auth/login")
    assert (await client.get("/api/v1/disputes")).status_code == 401


async def test_attempts_are_counted_in_the_database(client: httpx.AsyncClient, ctx: ServiceContext) -> None:
    receipt = (await apply(client)).json()
    await follow(client, receipt["registration_no"], receipt["access_code"])
    async with ctx.sessions() as session:
        outcomes = (await session.execute(select(portal.attempts.c.outcome))).scalars().all()
        count = await session.scalar(select(func.count()).select_from(portal.attempts))
    assert outcomes == ["success"] and count == 1
