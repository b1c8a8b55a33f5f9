"""The applicant's journey in a real browser (Debian's Chromium, a phone-sized window) against intake
running as real processes (api + worker) on PostgreSQL and NATS, with a real SMTP server for notices.

An applicant applies online without an account, uploads the decision and a photo, keeps the receipt's
registration number and access code; centre staff route the dispute to mediation; the applicant follows
it by number and code and sees the stage and the notices; a wrong code is refused. The worker meanwhile
e-mails both notices. Screenshots under ``test-artifacts/screenshots/portal-*.png``.
"""

import email
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from adr_runtime.auth.testkit import jwks, rsa_key
from adr_runtime.localnats import free_port
from adr_runtime.supervisor import Platform, ServicePlan
from adr_runtime.testing import infra

from .conftest import RunningPlatform, _identity_env, _start, bearer_token
from .test_browser import browser as browser  # noqa: F401 (Debian's headless Chromium)
from .test_browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.clause("W1", "M3", "C3", "R3")]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@dataclass
class MailBox:
    """What the SMTP server (aiosmtpd, on a free loopback port) received."""

    port: int
    messages: list[email.message.Message] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@pytest.fixture(scope="module")
def mailbox() -> Iterator[MailBox]:
    box = MailBox(port=free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture(scope="module")
def intake(
    e2e_nats: str, postgres_admin: str, mailbox: MailBox, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningPlatform]:
    """Intake alone (api and worker), sending e-mail to the test's SMTP server."""
    database = infra.create_scratch_database(postgres_admin, "e2e_portal")
    key = rsa_key("e2e-portal")
    jwks_file = tmp_path_factory.mktemp("portal-idp") / "jwks.json"
    jwks_file.write_text(json.dumps(jwks(key)), encoding="utf-8")
    env = {
        **_identity_env("intake", jwks_file),
        "INTAKE_NOTIFICATIONS__SMTP_HOST": "127.0.0.1",
        "INTAKE_NOTIFICATIONS__SMTP_PORT": str(mailbox.port),
        "INTAKE_NOTIFICATIONS__SWEEP_INTERVAL_SECONDS": "0.5",
    }
    plan = ServicePlan(name="intake", port=free_port(), database_url=database, nats_url=e2e_nats, extra_env=env)
    log_dir = tmp_path_factory.mktemp("portal-logs")
    platform = Platform([plan], log_dir=log_dir)
    _start(platform, e2e_nats, log_dir, secrets.token_urlsafe(12))
    staff = httpx.Client(
        base_url=plan.base_url, timeout=10.0, headers={"Authorization": f"Bearer {bearer_token(key, 'centre_staff')}"}
    )
    try:
        yield RunningPlatform(platform, {"intake": staff})
    finally:
        staff.close()
        platform.stop()
        infra.drop_database(postgres_admin, database)


def test_apply_online_then_follow_the_dispute_by_number_and_code(
    intake: RunningPlatform,
    browser: Any,
    mailbox: MailBox,
    tmp_path: Path,  # noqa: F811
) -> None:
    base = intake.base_url("intake")
    decision, photo = tmp_path / "处罚决定书.pdf", tmp_path / "现场照片.png"
    decision.write_bytes(PDF)
    photo.write_bytes(PNG)
    page = browser.new_context(locale="zh-CN", **PHONE).new_page()

    # the portal's front page, without signing in
    page.goto(f"{base}/portal")
    assert "/auth/login" not in page.url
    shot(page, "portal-01-home")
    page.click("text=网上申请")
    page.wait_for_load_state()

    # the application with its documents
    page.select_option("#f-applicant_kind", "natural")
    page.fill("#f-applicant_name", "张三")
    page.fill("#f-applicant_phone", "13800001234")
    page.fill("#f-email", "zhang.san@example.cn")
    page.select_option("#f-agency_code", "WJG-SCJ")
    page.select_option("#f-act_type", "penalty")
    page.fill("#f-act_doc_no", "伍市监罚〔2026〕12号")
    page.fill("#f-claims_summary", "请求撤销罚款决定")
    page.set_input_files("#f-decision_document", str(decision))
    page.set_input_files("#f-evidence", [str(photo)])
    page.check("input[name=mediation_consent]")
    page.check("input[name=truthful]")
    shot(page, "portal-02-application")
    page.click("button[type=submit]")
    page.wait_for_load_state()

    # the receipt: the number and the code, shown once
    if page.locator("#access-code").count() == 0:
        shot(page, "portal-99-application-refused")
        pytest.fail(f"no receipt: {page.locator('.error, [role=alert]').all_inner_texts()}")
    number = page.locator("#registration-no").inner_text().strip()
    code = page.locator("#access-code").inner_text().strip()
    assert number.startswith("WJG-") and len(code) == 14
    shot(page, "portal-03-receipt")

    # centre staff route it to mediation
    disputes = intake["intake"].get("/api/v1/disputes", params={"channel": "online"}).json()["items"]
    (case_id,) = [d["case_id"] for d in disputes if d["registration_no"] == number]
    routed = intake["intake"].post(
        f"/api/v1/disputes/{case_id}/route", json={"route": "mediation", "reason_code": "consent_given"}
    )
    assert routed.status_code == 200, routed.text

    # a wrong code is refused
    page.click("text=查询办理进度")
    page.wait_for_load_state()
    page.fill("#f-access_code", "AAAA-BBBB-CCCC")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "登记号或查询码不正确" in page.locator("[role=alert]").first.inner_text()
    shot(page, "portal-04-wrong-code")

    # the right one shows the dispute's public status and the notices
    page.fill("#f-registration_no", number)
    page.fill("#f-access_code", code)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#stage").inner_text() == "已转入诉前调解"
    assert page.locator(".notice-item").count() == 2
    assert "张三" not in page.content() and "13800001234" not in page.content()
    shot(page, "portal-05-status")

    # the worker e-mailed both notices
    intake.eventually(
        "both notices are e-mailed",
        lambda: httpx.Response(200, json=len(mailbox.messages)),
        lambda response: response.json() >= 2,
    )
    assert {tuple(r) for r in mailbox.recipients} == {("zhang.san@example.cn",)}
