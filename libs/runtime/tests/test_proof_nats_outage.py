"""Proof 3 (issue #2 item 6): NATS goes down while intake keeps registering disputes.

Intake's API commits every registration with its event in the outbox, whether NATS is up or
not. When the server returns (same port, same store), intake's worker relays every event, in
registration order, none missing and none doubled.
"""

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import nats
import pytest
from sqlalchemy import func, select

from adr_contracts.intake import DisputeRegisteredV1
from adr_intake.spec import SPEC
from adr_runtime.context import ServiceContext
from adr_runtime.localnats import LocalNatsServer
from adr_runtime.provisioning import ProvisioningPolicy, provision_at
from adr_runtime.testing import infra
from adr_runtime.testing.service import api_client, migrated_context
from adr_runtime.worker import start_worker

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("R2")]

A_DISPUTE = {
    "channel": "centre_walk_in",
    "received_on": "2026-11-20",
    "applicants": [{"kind": "natural", "name": "张三"}],
    "agency_codes": ["WJG-SCJ"],
    "act_type": "penalty",
    "claims_summary": "请求撤销罚款决定",
}
DURING_OUTAGE = 20
SUBJECT = DisputeRegisteredV1.SUBJECT


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LocalNatsServer]:
    """A nats-server of this test alone, which the test takes down and brings back."""
    if not infra.nats_binary_available():
        infra.require_or_skip("no nats-server binary")
    server = LocalNatsServer(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def intake(own_server: LocalNatsServer, tmp_path: Path) -> AsyncIterator[ServiceContext]:
    """Intake's migrated store and its running worker (relay and subscribers) on ``own_server``."""
    await provision_at(own_server.url, ProvisioningPolicy())
    ctx = await migrated_context(
        SPEC,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}",
        nats_url=own_server.url,
        publish_timeout_seconds=1.0,
    )
    worker = await start_worker(ctx, asyncio.Event())
    assert worker is not None
    yield ctx
    await worker.close()
    await ctx.engine.dispose()


async def registered_numbers_in_stream(url: str) -> list[str]:
    """The registration numbers of every registered event in ADR_INTAKE, in stream order."""
    connection = await nats.connect(url, connect_timeout=2)
    try:
        js = connection.jetstream()
        last = (await js.stream_info(support.STREAM)).state.last_seq
        messages = [await js.get_msg(support.STREAM, seq) for seq in range(1, last + 1)]
    finally:
        await connection.close()
    return [json.loads(m.data or b"")["data"]["registration_no"] for m in messages if m.subject == SUBJECT]


async def pending_in_outbox(ctx: ServiceContext) -> int:
    outbox = ctx.tables.outbox
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).where(outbox.c.published_at.is_(None))) or 0)


async def test_disputes_registered_while_nats_is_down_are_all_delivered_in_order_once_it_returns(
    own_server: LocalNatsServer, intake: ServiceContext
) -> None:
    async with api_client(intake) as http:
        first = (await http.post("/api/v1/disputes", json=A_DISPUTE)).json()["registration_no"]

        async def first_arrived() -> bool:
            return await registered_numbers_in_stream(own_server.url) == [first]

        await support.wait_until(first_arrived, what="the first event before the outage")
        own_server.kill()
        responses = [await http.post("/api/v1/disputes", json=A_DISPUTE) for _ in range(DURING_OUTAGE)]

    assert [r.status_code for r in responses] == [201] * DURING_OUTAGE
    numbers = [first, *(r.json()["registration_no"] for r in responses)]
    assert await pending_in_outbox(intake) == DURING_OUTAGE  # kept, nothing lost while NATS is away
    await support.wait_until(lambda: _relay_tried(intake), timeout=15, what="a failed publish while NATS is down")

    own_server.start()

    async def all_arrived() -> bool:
        return len(await registered_numbers_in_stream(own_server.url)) >= len(numbers)

    await support.wait_until(all_arrived, timeout=30, what="every registered event after NATS returned")
    assert await registered_numbers_in_stream(own_server.url) == numbers
    assert numbers == sorted(numbers) and len(set(numbers)) == DURING_OUTAGE + 1
    await support.wait_until(lambda: _nothing_pending(intake), timeout=10, what="the outbox to be marked")


async def _nothing_pending(ctx: ServiceContext) -> bool:
    return await pending_in_outbox(ctx) == 0


async def _relay_tried(ctx: ServiceContext) -> bool:
    outbox = ctx.tables.outbox
    async with ctx.sessions() as session:
        return bool(await session.scalar(select(func.max(outbox.c.attempts))))
