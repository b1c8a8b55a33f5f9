"""The staff journey in a real browser: Debian's Chromium driven by Playwright against the five services.

Centre staff sign in at intake, register a court-delegated dispute with the parties' consent (routed to
mediation at once), see it on the centre's board; a mediator signs in at mediation and opens the case
once it arrives over NATS; a liaison of another agency gets the permission-denied page for it at intake.
Screenshots of every step are kept under ``test-artifacts/screenshots/``.
"""

import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from adr_runtime.testing import infra

from .conftest import FLOW_TIMEOUT, RunningPlatform

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.clause("O2", "O3", "R1", "M3")]

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium from Debian (never a downloaded browser)."""
    if not CHROMIUM.exists():
        infra.require_or_skip("no /usr/bin/chromium for the browser tests (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def shot(page: Any, name: str) -> None:
    """Keeps a full-page screenshot of the step."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, username: str, password: str) -> None:
    """Fills the sign-in form the service redirected to and submits it."""
    assert "/auth/login" in page.url, f"expected the sign-in form, got {page.url}"
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def register_court_delegation(page: Any, intake: str) -> tuple[str, str]:
    """Registers from the form; returns the case id and the registration number."""
    page.goto(f"{intake}/disputes/new")
    page.select_option("#f-channel", "court_delegation")
    page.fill("#f-received_on", date.today().isoformat())
    page.fill("#f-applicant_name", "张三")
    page.fill("#f-agency_code", "WJG-SCJ")
    page.select_option("#f-act_type", "penalty")
    page.fill("#f-claims_summary", "请求撤销罚款决定")
    page.check("input[name=mediation_consent]")
    shot(page, "02-intake-registration-form")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    if not re.search(r"/disputes/[0-9a-f-]{36}", page.url):
        shot(page, "99-intake-registration-refused")
        errors = page.locator(".error, .notice-error, .error-page").all_inner_texts()
        pytest.fail(f"registration did not lead to the dispute page ({page.url}): {errors}")
    flash = page.locator("[role=status]").inner_text()
    number = flash.rsplit(" ", 1)[-1]
    case_id = re.search(r"/disputes/([0-9a-f-]{36})", page.url).group(1)  # type: ignore[union-attr]
    return case_id, number


def wait_for_case(page: Any, mediation: str, number: str) -> None:
    """Reloads "我的案件" until the dispute arrived over NATS (≤ FLOW_TIMEOUT)."""
    deadline = time.monotonic() + FLOW_TIMEOUT
    while page.get_by_role("link", name=number).count() == 0:
        if time.monotonic() > deadline:
            shot(page, "99-mediation-case-missing")
            pytest.fail(f"{number} did not appear in mediation within {FLOW_TIMEOUT:.0f} s")
        time.sleep(0.5)
        page.goto(f"{mediation}/cases")


def test_staff_register_see_mediate_and_a_foreign_liaison_is_refused(
    running_platform: RunningPlatform, browser: Any
) -> None:
    intake, mediation = running_platform.base_url("intake"), running_platform.base_url("mediation")
    password = running_platform.demo_password

    centre = browser.new_context(locale="zh-CN").new_page()
    centre.goto(f"{intake}/board")
    shot(centre, "01-intake-sign-in")
    sign_in(centre, "demo.centre_staff", password)
    assert centre.url.endswith("/board") and "演示化解中心工作人员" in centre.content()
    case_id, number = register_court_delegation(centre, intake)
    assert re.fullmatch(r"WJG-\d{4}-\d{6}", number), number
    shot(centre, "03-intake-dispute-registered")
    centre.goto(f"{intake}/board")
    assert centre.get_by_text(number).count() >= 1 and "张*" in centre.content() and "张三" not in centre.content()
    shot(centre, "04-intake-board")

    mediator = browser.new_context(locale="zh-CN").new_page()
    mediator.goto(f"{mediation}/cases")
    sign_in(mediator, "demo.mediator", password)
    wait_for_case(mediator, mediation, number)
    shot(mediator, "05-mediation-my-cases")
    mediator.get_by_role("link", name=number).click()
    mediator.wait_for_load_state()
    content = mediator.content()
    assert "法院委派调解" in content and "剩余" in content and "记录和解协议" in content
    tokens = {mediator.locator("input[name=csrf_token]").nth(i).get_attribute("value") for i in range(3)}
    assert len(tokens) == 1 and all(tokens)  # sign-out, withdrawal and failure forms carry the session's token
    shot(mediator, "06-mediation-case")

    liaison = browser.new_context(locale="zh-CN").new_page()
    response = liaison.goto(f"{intake}/disputes/{case_id}")
    assert response is not None and "/auth/login" in liaison.url
    sign_in(liaison, "demo.agency_liaison2", password)
    shot(liaison, "07-intake-foreign-liaison-denied")
    assert "没有权限" in liaison.content() and number not in liaison.content()
    liaison.goto(f"{intake}/board")
    assert liaison.get_by_text(number).count() == 0  # O3: the board shows only the liaison's agency
    shot(liaison, "08-intake-foreign-liaison-board")
