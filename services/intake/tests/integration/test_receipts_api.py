"""Proof of hand-offs on demand (issue #10 item 2): ``/api/v1/handoff-receipts``, administrators only, audited."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import httpx
import pytest
from sqlalchemy import select, update

from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.testing import an_envelope
from adr_intake.spec import SPEC
from adr_runtime import outbox
from adr_runtime.auth import Role
from adr_runtime.context import ServiceContext
from adr_runtime.receipts.issuing import build_receipt
from adr_runtime.receipts.recording import record_receipt
from adr_runtime.testing.service import api_client, service_context, signed_in_as

pytestmark = [pytest.mark.integration, pytest.mark.clause("R2", "P2")]


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


@pytest.fixture
async def client(ctx: ServiceContext) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(ctx) as http:
        yield http


async def _published(ctx: ServiceContext, minutes_ago: int = 60) -> Any:
    """A registration staged and marked published ``minutes_ago``; returns its envelope."""
    envelope = an_envelope(DisputeRegisteredV1, event_id=uuid4())
    async with ctx.sessions() as session, session.begin():
        await outbox.stage(session, ctx.tables, envelope, actor="staff:0001")
        await session.execute(
            update(ctx.tables.outbox)
            .where(ctx.tables.outbox.c.event_id == envelope.event_id)
            .values(published_at=datetime.now(UTC) - timedelta(minutes=minutes_ago))
        )
    return envelope


async def _receipted_by_reporting(ctx: ServiceContext, envelope: Any, *, body: bytes | None = None) -> None:
    """Records reporting's receipt for an event, as the worker would on its arrival."""
    table = ctx.tables.outbox
    async with ctx.sessions() as session, session.begin():
        document = await session.scalar(select(table.c.envelope).where(table.c.event_id == envelope.event_id))
        sent = body if body is not None else outbox.message_body(document)
        durable = "reporting__intake_dispute_registered_v1"
        receipt = build_receipt(envelope, subject=envelope.event_type, durable=durable, body=sent)
        assert receipt is not None
        await record_receipt(session, ctx.tables, "intake", receipt)


async def test_an_event_shows_its_receipts_and_who_has_not_receipted_it(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    envelope = await _published(ctx)
    await _receipted_by_reporting(ctx, envelope)

    answer = await client.get("/api/v1/handoff-receipts", params={"event_id": str(envelope.event_id)})

    assert answer.status_code == 200, answer.text
    proof = answer.json()
    assert proof["subject"] == DisputeRegisteredV1.SUBJECT
    assert proof["audience"] == ["procuratorate-bridge", "reporting"]
    assert proof["missing"] == ["procuratorate-bridge"]
    [receipt] = proof["receipts"]
    assert (receipt["consumer"], receipt["verdict"]) == ("reporting", "matched")
    assert receipt["sha256"] == receipt["expected_sha256"] == proof["published_sha256"]
    async with ctx.sessions() as session:
        audit = ctx.spec.auth_tables.audit_log  # type: ignore[union-attr]
        actions = (await session.execute(select(audit.c.action, audit.c.target))).all()
    assert ("handoff_proof_read", f"event:{envelope.event_id}") in actions


async def test_a_receipt_for_other_bytes_shows_as_a_mismatch(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    envelope = await _published(ctx)
    await _receipted_by_reporting(ctx, envelope, body=b'{"altered": true}')

    proof = (await client.get("/api/v1/handoff-receipts", params={"event_id": str(envelope.event_id)})).json()

    assert [r["verdict"] for r in proof["receipts"]] == ["mismatch"]


async def test_unacknowledged_hand_offs_older_than_n_minutes_are_listed_oldest_first(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    old = await _published(ctx, minutes_ago=120)
    recent = await _published(ctx, minutes_ago=5)
    done = await _published(ctx, minutes_ago=90)
    await _receipted_by_reporting(ctx, done)

    answer = await client.get("/api/v1/handoff-receipts/unacknowledged", params={"older_than_minutes": 30})

    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert [(i["event_id"], i["missing"]) for i in items] == [
        (str(old.event_id), ["procuratorate-bridge", "reporting"]),
        (str(done.event_id), ["procuratorate-bridge"]),
    ]
    assert str(recent.event_id) not in {i["event_id"] for i in items}


async def test_errors_are_problems_naming_the_field_and_only_administrators_get_in(ctx: ServiceContext) -> None:
    admin = api_client(ctx)
    staff = api_client(ctx, principal=signed_in_as(Role.CENTRE_STAFF, subject="li.centre"))
    async with admin, staff:
        malformed = await admin.get("/api/v1/handoff-receipts", params={"event_id": "not-a-uuid"})
        assert malformed.status_code == 422
        assert malformed.headers["content-type"] == "application/problem+json"
        assert malformed.json()["errors"][0]["field"] == "event_id"
        unknown = await admin.get("/api/v1/handoff-receipts", params={"event_id": str(uuid4())})
        assert unknown.status_code == 404
        assert unknown.headers["content-type"] == "application/problem+json"
        negative = await admin.get("/api/v1/handoff-receipts/unacknowledged", params={"older_than_minutes": -1})
        assert negative.status_code == 422
        assert negative.json()["errors"][0]["field"] == "older_than_minutes"
        assert (await staff.get("/api/v1/handoff-receipts/unacknowledged")).status_code == 403
