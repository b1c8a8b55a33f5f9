"""Reporting's fixtures: a migrated context, its API client, and a running worker on the real nats-server."""

from collections.abc import AsyncIterator

import httpx
import nats
import pytest

from adr_reporting.spec import SPEC
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, running_worker, service_context


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


@pytest.fixture
async def client(ctx: ServiceContext) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(ctx) as http:
        yield http


@pytest.fixture
async def running(
    jetstream: nats.js.JetStreamContext, nats_url: str, database_url: str
) -> AsyncIterator[ServiceContext]:
    """A migrated context (SQLite, then PostgreSQL) whose worker consumes from freshly provisioned streams."""
    async with service_context(SPEC, database_url=database_url, nats_url=nats_url) as context, running_worker(
        context
    ):
        yield context
