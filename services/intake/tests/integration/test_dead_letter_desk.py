"""The operator's dead-letter desk (issue #10 item 7): inspect, correct and replay, or discard, through the API."""

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import httpx
import nats
import pytest
from sqlalchemy import select

from adr_contracts import envelope_for
from adr_contracts.mediation import MediationOpenedV1
from adr_contracts.vocabulary import MediationStage
from adr_intake.spec import SPEC
from adr_runtime.auth import Role
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, migrated_context, signed_in_as
from adr_runtime.testing.waiting import eventually
from adr_runtime.worker import start_worker

from ..api.test_registration import A_DISPUTE

pytestmark = [pytest.mark.integration, pytest.mark.nats]


@pytest.fixture
async def ctx(tmp_path: Any, nats_url: str, jetstream: nats.js.JetStreamContext) -> AsyncIterator[ServiceContext]:
    context = await migrated_context(
        SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}", nats_url=nats_url
    )
    worker = await start_worker(context, asyncio.Event())
    assert worker is not None
    yield context
    await worker.close()
    await context.engine.dispose()


async def _client(ctx: ServiceContext, principal: Any = None) -> httpx.AsyncClient:
    return api_client(ctx) if principal is None else api_client(ctx, principal=principal)


async def _close(client: httpx.AsyncClient) -> None:
    await client._transport.app.state.ops_nats.close()  # type: ignore[attr-defined]
    await client.aclose()


def _opened_document(case_id: UUID) -> dict[str, Any]:
    payload = MediationOpenedV1(
        mediation_case_id=uuid4(),
        stage=MediationStage.PRE_LITIGATION,
        opened_on=date(2026, 11, 28),
        period_ends_on=date(2026, 12, 28),
    )
    return json.loads(envelope_for(payload, case_id=case_id, correlation_id=uuid4()).to_json())


async def _publish(js: nats.js.JetStreamContext, document: dict[str, Any]) -> None:
    body = json.dumps(document).encode()
    await js.publish(MediationOpenedV1.SUBJECT, body, stream="ADR_MEDIATION", headers={"Nats-Msg-Id": str(uuid4())})


async def _letters(client: httpx.AsyncClient, expected: int) -> list[dict[str, Any]]:
    async def listed() -> list[dict[str, Any]] | None:
        items: list[dict[str, Any]] = (await client.get("/api/v1/dead-letters")).json()["items"]
        return items if len(items) == expected else None

    return await eventually(listed)


async def test_a_corrected_letter_is_replayed_once_and_audited(ctx: ServiceContext, jetstream: Any) -> None:
    client = await _client(ctx)
    try:
        case_id = (await client.post("/api/v1/disputes", json=A_DISPUTE)).json()["case_id"]
        document = _opened_document(UUID(case_id))
        broken = {**document, "data": {**document["data"], "stage": "not-a-stage"}}
        await _publish(jetstream, broken)

        [letter] = await _letters(client, 1)
        assert letter["reason"].startswith("invalid contract: data.stage")
        assert letter["event_id"] == document["id"] and letter["case_id"] == case_id
        assert "not-a-stage" in (await client.get(f"/api/v1/dead-letters/{letter['sequence']}")).json()["body"]

        changed_id = await client.post(
            f"/api/v1/dead-letters/{letter['sequence']}/replay", json={"corrected": {**document, "id": str(uuid4())}}
        )
        assert changed_id.status_code == 422
        assert "事件编号" in changed_id.json()["detail"]

        replayed = await client.post(f"/api/v1/dead-letters/{letter['sequence']}/replay", json={"corrected": document})
        assert replayed.status_code == 200, replayed.text
        assert replayed.json()["applied"] is True
        assert (await client.get(f"/api/v1/disputes/{case_id}")).json()["stage"] == "mediating"
        assert (await client.get("/api/v1/dead-letters")).json() == {"total": 0, "items": []}
        async with ctx.sessions() as session:
            audit = ctx.spec.auth_tables.audit_log  # type: ignore[union-attr]
            actions = (await session.execute(select(audit.c.action, audit.c.target))).all()
        assert ("dead_letter_replayed", f"dead-letter:{letter['sequence']}") in actions
    finally:
        await _close(client)


async def test_a_letter_still_refused_stays_and_a_discard_needs_a_reason(ctx: ServiceContext, jetstream: Any) -> None:
    client = await _client(ctx)
    try:
        await _publish(jetstream, _opened_document(uuid4()))  # no such dispute: the handler refuses it
        [letter] = await _letters(client, 1)
        sequence = letter["sequence"]

        again = await client.post(f"/api/v1/dead-letters/{sequence}/replay")
        assert again.status_code == 409
        assert again.headers["content-type"] == "application/problem+json"
        assert (await client.get(f"/api/v1/dead-letters/{sequence}")).status_code == 200

        no_reason = await client.post(f"/api/v1/dead-letters/{sequence}/discard", json={"reason": ""})
        assert no_reason.status_code == 422
        assert no_reason.json()["errors"][0]["field"] == "reason"
        discarded = await client.post(
            f"/api/v1/dead-letters/{sequence}/discard", json={"reason": "测试数据，案件不存在"}
        )
        assert discarded.status_code == 204
        assert (await client.get(f"/api/v1/dead-letters/{sequence}")).status_code == 404
    finally:
        await _close(client)


async def test_only_administrators_reach_the_desk_and_the_page_renders(ctx: ServiceContext, jetstream: Any) -> None:
    staff = await _client(ctx, signed_in_as(Role.CENTRE_STAFF, subject="li.centre"))
    admin = await _client(ctx)
    try:
        assert (await staff.get("/api/v1/dead-letters")).status_code == 403
        await _publish(jetstream, _opened_document(uuid4()))
        [letter] = await _letters(admin, 1)

        page = await admin.get("/ops/dead-letters", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "死信处理" in page.text and letter["subject"] in page.text
        detail = await admin.get(f"/ops/dead-letters/{letter['sequence']}", headers={"Accept": "text/html"})
        assert "重放" in detail.text and "丢弃原因" in detail.text
    finally:
        await _close(staff)
        await _close(admin)
