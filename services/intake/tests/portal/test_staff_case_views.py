"""Staff see an online application's documents (download audited) and the case's notice record (R3),
only where they may see the case (O3)."""

from collections.abc import AsyncIterator
from uuid import uuid4

import pytest
from sqlalchemy import select

from adr_intake.spec import SPEC
from adr_intake.store.tables import auth, portal
from adr_runtime.auth.roles import Role
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, migrated_context, signed_in_as

from .support import PDF, PNG, apply

pytestmark = [pytest.mark.integration, pytest.mark.clause("R3", "W1")]


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    context = await migrated_context(SPEC, database_url=database_url)
    yield context
    await context.engine.dispose()


async def test_staff_download_the_documents_and_read_the_notice_record(ctx: ServiceContext) -> None:
    async with api_client(ctx, principal=None) as public:
        assert (await apply(public)).status_code == 201
    async with ctx.sessions() as session:
        case_id = await session.scalar(select(portal.access.c.case_id))
    foreign = signed_in_as(Role.AGENCY_LIAISON, subject="liaison.other", agency_code="WJG-GAJ")

    async with api_client(ctx) as staff, api_client(ctx, principal=foreign) as liaison:
        listed = (await staff.get(f"/api/v1/disputes/{case_id}/documents")).json()
        assert [(d["kind_zh"], d["content_type"]) for d in listed] == [
            ("被诉行政行为文书", "application/pdf"),
            ("证据材料", "image/png"),
        ]
        assert "决定书" not in str(listed)  # names only in the download
        pdf = await staff.get(f"/api/v1/disputes/{case_id}/documents/{listed[0]['id']}")
        assert pdf.status_code == 200 and pdf.content == PDF
        assert pdf.headers["content-type"] == "application/pdf"
        assert "filename*=UTF-8''" in pdf.headers["content-disposition"]
        png = await staff.get(f"/api/v1/disputes/{case_id}/documents/{listed[1]['id']}")
        assert png.content == PNG
        missing = await staff.get(f"/api/v1/disputes/{case_id}/documents/{uuid4()}")
        assert missing.status_code == 404

        record = (await staff.get(f"/api/v1/disputes/{case_id}/notices")).json()
        assert {(n["recipient"], n["template"]) for n in record} == {
            (f"applicant:{case_id}", "portal.registered"),
            ("role:centre_staff", "staff.online_application"),
        }
        applicant = next(n for n in record if n["recipient"].startswith("applicant:"))
        masked = {d["channel"]: d["address_masked"] for d in applicant["deliveries"]}
        assert masked == {"in_app": None, "email": "z***@example.cn", "sms": "138****1234"}

        assert (await liaison.get(f"/api/v1/disputes/{case_id}/documents")).status_code == 403
        assert (await liaison.get(f"/api/v1/disputes/{case_id}/notices")).status_code == 403

    async with ctx.sessions() as session:
        reads = (
            await session.execute(select(auth.audit_log).where(auth.audit_log.c.action == "personal_data_read"))
        ).all()
    assert [(r.target, r.details["fields"]) for r in reads] == [(str(case_id), ["portal_documents"])] * 2
