"""Finding real NATS and PostgreSQL servers for tests (STYLE.md B.12).

NATS: ``NATS_URL`` if set, else a nats-server the fixture starts on a free port with a
temporary JetStream directory, else testcontainers where Docker runs.
PostgreSQL: ``DATABASE_URL`` if set, else the local server on 127.0.0.1:5432, else
testcontainers. Each test session works in databases it creates and drops itself.
With ``ADR_REQUIRE_REAL_INFRA=1`` a missing server fails the run instead of skipping.
"""

import asyncio
import os
import uuid

import pytest

from adr_runtime.localnats import nats_server_binary, port_answers

LOCAL_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


def require_or_skip(reason: str) -> None:
    """Skips the test, or fails it when CI demands real servers."""
    if os.environ.get("ADR_REQUIRE_REAL_INFRA") == "1":
        pytest.fail(f"real infrastructure required but missing: {reason}", pytrace=False)
    pytest.skip(reason)


def docker_available() -> bool:
    """True only where a Docker engine answers (never on our machines)."""
    try:
        import docker

        docker.from_env().ping()
    except Exception:
        return False
    return True


def nats_binary_available() -> bool:
    """True when a nats-server binary can be started by the tests."""
    return nats_server_binary() is not None


def postgres_admin_url() -> str | None:
    """A URL to a PostgreSQL database from which scratch databases can be created."""
    if url := os.environ.get("DATABASE_URL"):
        return url if url.startswith("postgresql") else None
    if port_answers("127.0.0.1", 5432):
        return LOCAL_POSTGRES
    return None


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def with_database(url: str, name: str) -> str:
    """The same server URL pointing at another database."""
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


async def _admin(url: str, statement: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def create_scratch_database(admin_url: str, label: str) -> str:
    """Creates an empty database ``t_<label>_<random>`` and returns its asyncpg URL."""
    name = f"t_{label}_{uuid.uuid4().hex[:10]}".lower()
    asyncio.run(_admin(admin_url, f'CREATE DATABASE "{name}"'))
    return with_database(admin_url, name)


def drop_database(admin_url: str, url: str) -> None:
    """Drops a scratch database, disconnecting whoever still uses it."""
    name = url.rpartition("/")[2]
    asyncio.run(_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
