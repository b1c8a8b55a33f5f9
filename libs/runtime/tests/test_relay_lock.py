"""Two relays of one service on PostgreSQL: the advisory lock lets one publish at a time."""

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime import outbox
from adr_runtime.db import create_engine, session_factory
from adr_runtime.relay import Relay

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.clause("R2")]


@pytest.fixture
def postgres_url(postgres_database: Callable[[str], str]) -> str:
    """A fresh PostgreSQL database (created outside the test's event loop)."""
    return postgres_database("relaylock")


@pytest.fixture
async def two_replicas(
    postgres_url: str,
) -> AsyncIterator[tuple[async_sessionmaker[AsyncSession], async_sessionmaker[AsyncSession]]]:
    """Two engines on one database, as two worker replicas would hold."""
    url = postgres_url
    engines = [create_engine(url), create_engine(url)]
    await support.create_schema(engines[0])
    yield session_factory(engines[0]), session_factory(engines[1])
    for engine in engines:
        await engine.dispose()


async def stage(sessions: async_sessionmaker[AsyncSession], count: int) -> None:
    for number in range(1, count + 1):
        async with sessions() as session, session.begin():
            await outbox.stage(session, support.TABLES, support.registered_event(number), actor="staff:0001")


def replica(sessions: async_sessionmaker[AsyncSession], publish: Any, *, batch: int = 200) -> Relay:
    return Relay(service="intake", sessions=sessions, tables=support.TABLES, publish=publish, batch=batch)


async def test_a_second_relay_publishes_nothing_while_the_first_holds_the_lock(
    two_replicas: tuple[async_sessionmaker[AsyncSession], async_sessionmaker[AsyncSession]],
) -> None:
    first_sessions, second_sessions = two_replicas
    await stage(first_sessions, 3)
    in_first, release_first = asyncio.Event(), asyncio.Event()
    first_calls: list[str] = []
    second_calls: list[str] = []

    async def first_publish(subject: str, body: bytes, headers: dict[str, str]) -> None:
        first_calls.append(headers["Nats-Msg-Id"])
        in_first.set()
        await asyncio.wait_for(release_first.wait(), timeout=10)

    async def second_publish(subject: str, body: bytes, headers: dict[str, str]) -> None:
        second_calls.append(headers["Nats-Msg-Id"])

    first_round = asyncio.create_task(replica(first_sessions, first_publish).relay_once())
    await asyncio.wait_for(in_first.wait(), timeout=10)
    second_sent = await asyncio.wait_for(replica(second_sessions, second_publish).relay_once(), timeout=10)
    release_first.set()
    first_sent = await asyncio.wait_for(first_round, timeout=10)

    assert (first_sent, second_sent) == (3, 0)
    assert second_calls == []
    assert await asyncio.wait_for(replica(second_sessions, second_publish).relay_once(), timeout=10) == 0
    assert second_calls == [] and len(first_calls) == 3


async def test_two_relays_racing_publish_every_row_once_in_outbox_order(
    two_replicas: tuple[async_sessionmaker[AsyncSession], async_sessionmaker[AsyncSession]],
) -> None:
    first_sessions, second_sessions = two_replicas
    await stage(first_sessions, 40)
    published: list[str] = []
    active: set[str] = set()
    overlaps: list[str] = []

    def publisher(name: str) -> Any:
        async def publish(subject: str, body: bytes, headers: dict[str, str]) -> None:
            if active:
                overlaps.append(name)
            active.add(name)
            await asyncio.sleep(0.002)
            published.append(json.loads(body)["data"]["registration_no"])
            active.discard(name)

        return publish

    async def drain(relay: Relay) -> None:
        for _ in range(400):
            await relay.relay_once()
            if len(published) >= 40:
                return
            await asyncio.sleep(0)

    relays = [replica(first_sessions, publisher("a"), batch=5), replica(second_sessions, publisher("b"), batch=5)]
    await asyncio.wait_for(asyncio.gather(*(drain(r) for r in relays)), timeout=30)

    assert overlaps == []
    assert published == [f"WJG-2026-{n:06d}" for n in range(1, 41)]
