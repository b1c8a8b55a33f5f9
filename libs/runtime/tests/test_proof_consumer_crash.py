"""Proof 2 (issue #2 item 6): a consumer killed after its effect committed, before its ack.

JetStream redelivers the unacknowledged event after ``ack_wait``; the next consumer finds the
event in its inbox, applies nothing, and acknowledges it. The effect happened exactly once.
"""

import asyncio
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from adr_runtime.db import create_engine, session_factory
from adr_runtime.provisioning import ProvisioningPolicy, provision

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("R2")]

SCRIPT = Path(__file__).with_name("crashing_consumer.py")
ACK_WAIT = 2.0


async def run_crashing_consumer(database_url: str, nats_url: str) -> int:
    """Runs the crashing consumer as its own process; returns its exit code (bounded)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(SCRIPT), database_url, nats_url, cwd=SCRIPT.parent, stderr=asyncio.subprocess.PIPE
    )
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode == -signal.SIGKILL, stderr.decode(errors="replace")[-2000:]
    return process.returncode


async def prepare_store(url: str) -> None:
    """Creates the test schema in the store both consumer processes share."""
    engine = create_engine(url)
    try:
        await support.create_schema(engine)
    finally:
        await engine.dispose()


async def count_in_store(url: str) -> tuple[int, int]:
    """(effects, inbox rows) as another process left them."""
    engine = create_engine(url)
    try:
        sessions = session_factory(engine)
        effects = await support.count_rows(sessions, support.EFFECTS)
        return effects, await support.count_rows(sessions, support.TABLES.inbox)
    finally:
        await engine.dispose()


async def test_a_consumer_killed_between_commit_and_ack_gets_the_redelivery_and_applies_nothing_twice(
    jetstream: Any, nats_url: str, sqlite_url: str, start_consumer: support.StartConsumer
) -> None:
    await provision(jetstream, ProvisioningPolicy(ack_wait_seconds=ACK_WAIT))
    event = support.registered_event(1)
    await jetstream.publish(
        support.SUBJECT, event.to_json(), stream=support.STREAM, headers={"Nats-Msg-Id": str(event.event_id)}
    )
    await prepare_store(sqlite_url)

    await run_crashing_consumer(sqlite_url, nats_url)

    # The crashed process committed its effect and inbox row, and never acked.
    assert await count_in_store(sqlite_url) == (1, 1)
    unacked = await jetstream.consumer_info(support.STREAM, support.DURABLE)
    assert (unacked.num_ack_pending, unacked.ack_floor.stream_seq) == (1, 0)

    consumer = await start_consumer(support.record_effect)
    await support.wait_until(
        lambda: support.consumer_settled(jetstream, expected_stream_seq=1),
        timeout=ACK_WAIT + 20,
        what="the redelivery's ack",
    )

    info = await jetstream.consumer_info(support.STREAM, support.DURABLE)
    assert info.delivered.consumer_seq == 2  # delivered to the crashed process, then again
    assert info.ack_floor.stream_seq == 1
    assert (info.num_ack_pending, info.num_pending) == (0, 0)
    assert await consumer.effects() == 1
    assert await consumer.inbox() == 1
