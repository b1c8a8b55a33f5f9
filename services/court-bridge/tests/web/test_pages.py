"""The studio's staff pages in Chinese, rendered over HTTP: queue, filing, case page, suggestions (K1, M5, M7, K3)."""

import httpx
import pytest

from adr_runtime.api_deps import get_clock
from adr_runtime.context import ServiceContext

from ..builders import T0, an_envelope, deliver, obligation_overdue, routed

pytestmark = [pytest.mark.integration, pytest.mark.clause("K1", "M3", "M5", "M7", "K3")]

HTML = {"accept": "text/html"}


@pytest.fixture(autouse=True)
def fixed_clock(client: httpx.AsyncClient) -> None:
    client._transport.app.dependency_overrides[get_clock] = lambda: T0  # type: ignore[attr-defined]


async def test_the_queue_is_filed_from_its_page_and_the_case_page_shows_the_record(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    envelope = an_envelope(routed())
    await deliver(ctx, envelope)

    queue = await client.get("/queue", headers=HTML)
    filed = await client.post(f"/queue/{envelope.case_id}/filing", data={"filed_on": "2026-11-23"})
    await client.post(
        f"/api/v1/cases/{envelope.case_id}/hearings",
        json={
            "agency_code": "WJG-SCJ",
            "hearing_on": "2026-12-20",
            "noticed_on": "2026-12-10",
            "head_required": "shall",
        },
    )
    await client.post(
        f"/api/v1/cases/{envelope.case_id}/decisions",
        json={"kind": "judgment", "outcome": "revoked", "issued_on": "2026-12-22", "served_on": "2026-12-23"},
    )
    page = await client.get(f"/cases/{envelope.case_id}", headers=HTML)

    assert queue.status_code == 200
    assert "待立案队列" in queue.text and "WJG-2026-000007" in queue.text and "立案</button>" in queue.text
    assert filed.status_code == 303 and filed.headers["location"] == f"/cases/{envelope.case_id}"
    assert page.status_code == 200
    for text in (
        "（2026）鄂0503行初1号",
        "收件日",
        "2026-11-02",
        "庭审与负责人出庭",
        "2026-12-20",
        "判决",
        "上诉期至 2027-01-07",
        "判后答疑告知书",
        "办理经过",
    ):
        assert text in page.text, text
    assert "已立案" in (await client.get("/queue", headers=HTML)).text


async def test_a_bad_filing_date_on_the_form_is_a_page_not_a_crash(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    envelope = an_envelope(routed())
    await deliver(ctx, envelope)

    response = await client.post(f"/queue/{envelope.case_id}/filing", data={"filed_on": "soon"}, headers=HTML)

    assert response.status_code == 422
    assert "filed_on" in response.text


async def test_an_unknown_case_page_is_a_chinese_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/cases/0190a0a0-0000-7000-8000-000000000001", headers=HTML)

    assert response.status_code == 404 and "未找到" in response.text


async def test_the_suggestions_page_lists_drafts_and_deadlines(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    await deliver(ctx, an_envelope(obligation_overdue()))
    [draft] = (await client.get("/api/v1/suggestions")).json()
    await client.post(f"/api/v1/suggestions/{draft['id']}/issue", json={"issued_on": "2026-09-01", "reply_months": 1})

    page = await client.get("/suggestions", headers=HTML)

    assert page.status_code == 200
    for text in ("司法建议", "伍法建〔2026〕1号", "协议义务逾期", "WJG-SCJ", "2026-10-08", "逾期未回复"):
        assert text in page.text, text
