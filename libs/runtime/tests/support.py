"""Test-only helpers for the runtime's tests: a tiny schema, events, a test service, bounded waits.

Kept free of relative imports: ``crashing_consumer.py`` imports it as a plain module when it
runs as a separate process.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Column, String, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adr_contracts import Envelope, envelope_for
from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.subjects import durable_name
from adr_contracts.vocabulary import Channel
from adr_runtime.consumer import Handler, Subscription
from adr_runtime.context import ServiceContext, ServiceSpec
from adr_runtime.db import new_metadata
from adr_runtime.settings import ServiceSettings
from adr_runtime.tables import BigId, messaging_tables
from adr_runtime.worker import Worker

METADATA = new_metadata()
TABLES = messaging_tables(METADATA)
# The consumer's observable effect. Deliberately without a unique key on event_id: only the
# inbox may keep a redelivered event from being applied twice.
EFFECTS = Table(
    "effects",
    METADATA,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    Column("registration_no", String(64), nullable=False),
)

CONTRACT = DisputeRegisteredV1
SUBJECT = DisputeRegisteredV1.SUBJECT
STREAM = "ADR_INTAKE"
CONSUMER = "reporting"
DURABLE = durable_name(CONSUMER, SUBJECT)


async def create_schema(engine: AsyncEngine) -> None:
    """Creates the test tables (outbox, inbox, case history, effects)."""
    async with engine.begin() as conn:
        await conn.run_sync(METADATA.create_all)


def registered_event(number: int, *, event_id: UUID | None = None) -> Envelope[DisputeRegisteredV1]:
    """A valid ``adr.intake.dispute.registered.v1`` envelope with registration number ``number``."""
    payload = DisputeRegisteredV1(
        registration_no=f"WJG-2026-{number:06d}",
        channel=Channel.CENTRE_WALK_IN,
        received_on=date(2026, 11, 20),
        agency_codes=["WJG-SCJ"],
        act_type="penalty",
        applicant_count=1,
    )
    return envelope_for(payload, case_id=uuid4(), correlation_id=uuid4(), event_id=event_id)


async def record_effect(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """The test handler's effect: one row per applied event."""
    await session.execute(
        insert(EFFECTS).values(event_id=str(envelope.event_id), registration_no=envelope.data.registration_no)
    )


async def count_rows(sessions: async_sessionmaker[AsyncSession], table: Table) -> int:
    """How many rows a table holds."""
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


def reporting_spec(handler: Handler) -> ServiceSpec:
    """A test service named "reporting" (in DisputeRegisteredV1's audience) with one subscription."""
    return ServiceSpec(
        name=CONSUMER,
        title="runtime test consumer",
        settings_type=ServiceSettings,
        metadata=METADATA,
        tables=TABLES,
        migrations_dir=Path(__file__).parent,  # unused: the tests create the schema with create_all
        default_port=0,
        routers=lambda _ctx: [],
        subscriptions=lambda _ctx: [Subscription(CONTRACT, handler)],
    )


def reporting_context(database_url: str, nats_url: str, handler: Handler, **settings: Any) -> ServiceContext:
    """Resources of the test service on a given database and NATS server."""
    config = ServiceSettings(database_url=database_url, nats_url=nats_url, log_json=False, **settings)
    return ServiceContext.build(reporting_spec(handler), config)


async def wait_until(probe: Callable[[], Awaitable[bool]], *, timeout: float = 20.0, what: str = "condition") -> None:
    """Polls ``probe`` until it holds; fails the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not await probe():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)


async def consumer_settled(js: Any, *, expected_stream_seq: int) -> bool:
    """True once the test durable has been delivered up to a stream sequence and acked everything."""
    info = await js.consumer_info(STREAM, DURABLE)
    delivered = info.delivered.stream_seq if info.delivered else 0
    return delivered >= expected_stream_seq and info.num_pending == 0 and info.num_ack_pending == 0


@dataclass
class RunningConsumer:
    """The test service's worker (its ConsumerGroup and relay) and its resources."""

    ctx: ServiceContext
    worker: Worker

    async def effects(self) -> int:
        """Rows written by the handler."""
        return await count_rows(self.ctx.sessions, EFFECTS)

    async def inbox(self) -> int:
        """Events recorded in the inbox."""
        return await count_rows(self.ctx.sessions, TABLES.inbox)


StartConsumer = Callable[..., Awaitable[RunningConsumer]]
