"""Waking the relay on commit: in the process, through PostgreSQL NOTIFY, and after losing the listener."""

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime import outbox, outbox_signal
from adr_runtime.db import create_engine, session_factory
from adr_runtime.outbox_listener import OutboxListener
from adr_runtime.relay import Relay

from . import support
from .test_relay import RecordingPublish, outbox_rows

pytestmark = [pytest.mark.integration, pytest.mark.clause("R2")]

# far longer than any test waits: an event published in time was woken, not polled
IDLE_SECONDS = 60.0


async def stage_one(sessions: async_sessionmaker[AsyncSession], number: int = 1, *, commit: bool = True) -> None:
    session = sessions()
    async with session:
        await session.begin()
        await outbox.stage(session, support.TABLES, support.registered_event(number), actor="staff:0001")
        if commit:
            await session.commit()
        else:
            await session.rollback()


async def test_a_commit_that_staged_events_calls_the_engines_wake_functions_and_nothing_else_does(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    woken: list[str] = []
    forget = outbox_signal.on_commit(sessions.kw["bind"], lambda: woken.append("woken"))

    await stage_one(sessions, 1)
    assert woken == ["woken"]
    await stage_one(sessions, 2, commit=False)
    async with sessions() as session, session.begin():
        await session.execute(insert(support.EFFECTS).values(event_id="e", registration_no="r"))
    assert woken == ["woken"]

    forget()
    await stage_one(sessions, 3)
    assert woken == ["woken"]


async def test_a_running_relay_publishes_a_commit_of_its_own_process_without_waiting_for_its_poll(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    publish = RecordingPublish()
    relay = Relay(
        service="intake", sessions=sessions, tables=support.TABLES, publish=publish, idle_seconds=IDLE_SECONDS
    )
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        await asyncio.sleep(0.2)  # the relay has found nothing and sleeps
        await stage_one(sessions)
        await support.wait_until(lambda: _published(sessions, 1), timeout=20, what="the woken relay to publish")
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=10)
    assert publish.numbers == [1]


async def _published(sessions: async_sessionmaker[AsyncSession], count: int) -> bool:
    return sum(row.published_at is not None for row in await outbox_rows(sessions)) >= count


@pytest.fixture
def postgres_url(postgres_database: Callable[[str], str]) -> str:
    """A fresh PostgreSQL database (created outside the test's event loop)."""
    return postgres_database("relaywake")


@pytest.fixture
async def two_processes(
    postgres_url: str,
) -> AsyncIterator[tuple[async_sessionmaker[AsyncSession], async_sessionmaker[AsyncSession]]]:
    """Two engines on one PostgreSQL database: the API process's and the worker's."""
    url = postgres_url
    engines = [create_engine(url), create_engine(url)]
    await support.create_schema(engines[0])
    yield session_factory(engines[0]), session_factory(engines[1])
    for engine in engines:
        await engine.dispose()


class Listening:
    """An OutboxListener running in the background, counting its wake calls."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.woken = asyncio.Event()
        self.listener = OutboxListener(sessions.kw["bind"], self.woken.set, retry_seconds=0.2)
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(self.listener.run(self.stop))

    async def connected(self, times: int) -> None:
        async def probe() -> bool:
            return self.listener.connections >= times and self.listener.server_pid is not None

        await support.wait_until(probe, what=f"listener connection #{times}")

    async def close(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, timeout=10)


@pytest.mark.postgres
async def test_a_commit_in_another_process_reaches_the_listener_and_a_rollback_does_not(
    two_processes: tuple[async_sessionmaker[AsyncSession], async_sessionmaker[AsyncSession]],
) -> None:
    api, worker = two_processes
    listening = Listening(worker)
    try:
        await listening.connected(1)
        await stage_one(api, 1, commit=False)
        await asyncio.sleep(0.3)
        assert listening.listener.notifications == 0
        await stage_one(api, 2)
        await support.wait_until(_notified(listening.listener, 1), what="the notification of the commit")
    finally:
        await listening.close()


def _notified(listener: OutboxListener, count: int) -> Callable[[], Any]:
    async def probe() -> bool:
        return listener.notifications >= count

    return probe


@pytest.mark.postgres
async def test_the_listener_reconnects_after_its_connection_is_killed_and_hears_later_commits(
    two_processes: tuple[async_sessionmaker[AsyncSession], async_sessionmaker[AsyncSession]],
) -> None:
    api, worker = two_processes
    listening = Listening(worker)
    try:
        await listening.connected(1)
        async with api() as session, session.begin():
            await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": listening.listener.server_pid})
        await listening.connected(2)
        await stage_one(api, 1)
        await support.wait_until(_notified(listening.listener, 1), what="a notification after reconnecting")
    finally:
        await listening.close()


@pytest.mark.postgres
async def test_a_relay_in_the_worker_publishes_a_commit_of_the_api_process_without_waiting_for_its_poll(
    two_processes: tuple[async_sessionmaker[AsyncSession], async_sessionmaker[AsyncSession]],
) -> None:
    api, worker = two_processes
    publish = RecordingPublish()
    relay = Relay(service="intake", sessions=worker, tables=support.TABLES, publish=publish, idle_seconds=IDLE_SECONDS)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        await support.wait_until(lambda: _listening(relay), what="the relay's listener")
        await stage_one(api)
        await support.wait_until(lambda: _published(api, 1), timeout=20, what="the notified relay to publish")
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=10)
    assert publish.numbers == [1]


async def _listening(relay: Relay) -> bool:
    return relay.listener is not None and relay.listener.server_pid is not None
