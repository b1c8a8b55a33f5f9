"""The staff inbox of in-app notices at intake: unread counts, mark read, acknowledgement (C3, R3)."""

from collections.abc import AsyncIterator

import pytest

from adr_intake.portal.notices import RECORDER
from adr_intake.spec import SPEC
from adr_runtime.auth.roles import Role
from adr_runtime.context import ServiceContext
from adr_runtime.notifications import Notice, Recipient
from adr_runtime.testing.service import api_client, migrated_context, signed_in_as

from .support import HTML, apply

pytestmark = [pytest.mark.integration, pytest.mark.clause("C3", "R3", "W1")]

CENTRE = signed_in_as(Role.CENTRE_STAFF, subject="li.centre")
CLERK = signed_in_as(Role.COURT_CLERK, subject="wang.clerk")


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    context = await migrated_context(SPEC, database_url=database_url)
    yield context
    await context.engine.dispose()


async def test_an_online_application_reaches_the_centre_staff_inbox(ctx: ServiceContext) -> None:
    async with api_client(ctx, principal=None) as public:
        number = (await apply(public)).json()["registration_no"]

    async with api_client(ctx, principal=CENTRE) as centre, api_client(ctx, principal=CLERK) as clerk:
        inbox = (await centre.get("/api/v1/inbox")).json()
        assert inbox["unread"] == 1
        (item,) = inbox["items"]
        assert item["template"] == "staff.online_application" and number in item["subject"]
        assert item["deliveries"] == [
            {
                "channel": "in_app",
                "status": "sent",
                "attempts": 1,
                "address_masked": None,
                "sent_at": item["created_at"],
            }
        ]
        assert (await clerk.get("/api/v1/inbox")).json() == {"unread": 0, "items": []}  # not the clerk's
        assert (await clerk.post(f"/api/v1/inbox/{item['id']}/read")).status_code in (403, 404)

        page = await centre.get("/inbox", headers=HTML)
        assert page.status_code == 200 and "我的通知（未读 1）" in page.text and number in page.text

        assert (await centre.post(f"/api/v1/inbox/{item['id']}/read")).status_code == 204
        assert (await centre.get("/api/v1/inbox")).json()["unread"] == 0


async def test_a_notice_that_requires_acknowledgement_is_signed_for(ctx: ServiceContext) -> None:
    params = {"registration_no": "WJG-2026-000001", "matter": "将于 2026-12-03 组织调解", "reply_by": "2026-12-01"}
    notice = Notice("agency.notice_to_head", Recipient(ref="staff:li.centre"), params, requires_ack=True)
    async with ctx.sessions() as session, session.begin():
        notice_id = await RECORDER.enqueue(session, notice)

    async with api_client(ctx, principal=CENTRE) as centre:
        (item,) = (await centre.get("/api/v1/inbox")).json()["items"]
        assert item["requires_ack"] and item["acknowledged_at"] is None
        assert "待签收" in (await centre.get("/inbox", headers=HTML)).text
        assert (await centre.post(f"/api/v1/inbox/{notice_id}/ack")).status_code == 204
        (item,) = (await centre.get("/api/v1/inbox")).json()["items"]
        assert item["acknowledged_at"] is not None and item["read"]
    async with ctx.sessions() as session:
        (view,) = await RECORDER.inbox(session, "staff:li.centre")
    assert view.acknowledged_at is not None


async def test_the_inbox_needs_sign_in(ctx: ServiceContext) -> None:
    async with api_client(ctx, principal=None) as anonymous:
        assert (await anonymous.get("/api/v1/inbox")).status_code == 401
        page = await anonymous.get("/inbox", headers=HTML)
        assert page.status_code == 303 and page.headers["location"].startswith("/auth/login")
