"""Fixtures of the runtime's tests: scratch stores and a running test consumer (service "reporting")."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime.consumer import Handler
from adr_runtime.db import create_engine, session_factory
from adr_runtime.worker import start_worker

from . import support


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on a fresh database (SQLite and PostgreSQL) holding the test schema."""
    engine = create_engine(database_url)
    await support.create_schema(engine)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file for the consumer proofs."""
    return f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}"


@pytest.fixture
async def start_consumer(nats_url: str, sqlite_url: str, jetstream: Any) -> AsyncIterator[support.StartConsumer]:
    """Starts the test service's real worker on freshly provisioned streams."""
    running: list[support.RunningConsumer] = []

    async def start(handler: Handler, *, database_url: str | None = None, **settings: Any) -> support.RunningConsumer:
        ctx = support.reporting_context(database_url or sqlite_url, nats_url, handler, **settings)
        await support.create_schema(ctx.engine)
        worker = await start_worker(ctx, asyncio.Event())
        assert worker is not None
        running.append(support.RunningConsumer(ctx=ctx, worker=worker))
        return running[-1]

    yield start
    for consumer in running:
        await consumer.worker.close()
        await consumer.ctx.engine.dispose()
