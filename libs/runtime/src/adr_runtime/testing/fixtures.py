"""Pytest fixtures for real NATS and PostgreSQL; loaded by the workspace's root conftest."""

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import nats
import pytest
from nats.js.errors import ServerError

from adr_runtime.localnats import LocalNatsServer
from adr_runtime.provisioning import ProvisioningPolicy, delete_all, provision
from adr_runtime.testing import infra


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks the PostgreSQL variant of every test parametrised by ``database_url`` with ``postgres``."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("database_url") == "postgres":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def nats_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNatsServer]:
    """A nats-server of this test session, on a free port (tests may kill and restart it)."""
    if not infra.nats_binary_available():
        infra.require_or_skip("no nats-server binary")
    server = LocalNatsServer(tmp_path_factory.mktemp("nats"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def nats_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """``NATS_URL`` if set, else this session's own server, else a container where Docker runs."""
    if url := os.environ.get("NATS_URL"):
        yield url
        return
    if infra.nats_binary_available():
        yield request.getfixturevalue("nats_server").url
        return
    if infra.docker_available():
        from testcontainers.community.nats import NatsContainer

        with NatsContainer("nats:2.12-alpine", jetstream=True) as container:
            yield container.nats_uri()
        return
    infra.require_or_skip("no NATS_URL, no nats-server binary and no Docker")


@pytest.fixture
async def jetstream(nats_url: str) -> AsyncIterator[nats.js.JetStreamContext]:
    """A JetStream context on freshly provisioned streams (every platform stream emptied first)."""
    connection = await nats.connect(nats_url)
    js = connection.jetstream()
    await delete_all(js)
    await _provision_after_delete(js)
    yield js
    await connection.close()


async def _provision_after_delete(js: nats.js.JetStreamContext) -> None:
    # A stream deleted a moment ago may still be removing its files: the server then answers
    # "error creating store for stream" (10049) to the new stream of the same name. Try again, bounded.
    for attempt in range(10):
        try:
            await provision(js, ProvisioningPolicy())
            return
        except ServerError:
            if attempt == 9:
                raise
            await asyncio.sleep(0.2 * (attempt + 1))


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[str]:
    """A PostgreSQL URL from which this session creates its scratch databases."""
    if url := infra.postgres_admin_url():
        yield url
        return
    if infra.docker_available():
        from testcontainers.community.postgres import PostgresContainer

        with PostgresContainer("postgres:16-alpine", driver="asyncpg") as container:
            yield container.get_connection_url()
        return
    infra.require_or_skip("no DATABASE_URL, no local PostgreSQL and no Docker")


@pytest.fixture
def postgres_database(postgres_admin: str) -> Iterator[Callable[[str], str]]:
    """Creates fresh PostgreSQL databases on demand (``make("intake")``); drops them afterwards."""
    created: list[str] = []

    def make(label: str) -> str:
        url = infra.create_scratch_database(postgres_admin, label)
        created.append(url)
        return url

    yield make
    for url in created:
        infra.drop_database(postgres_admin, url)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on SQLite (the embedded default) and on PostgreSQL (production)."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
    make: Callable[[str], str] = request.getfixturevalue("postgres_database")
    return make("store")
