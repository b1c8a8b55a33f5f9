"""Repair of broker loss (issue #10 item 8), against a real nats-server.

Messages the stream acknowledged are deleted behind the platform's back; the producer's repair finds
them missing from the stream, publishes them again, and the consumer ends with every event applied
once. A second repair finds nothing to do.
"""

from pathlib import Path
from typing import Any

import pytest

from adr_runtime.db import create_engine, session_factory
from adr_runtime.relay import Relay, jetstream_publisher
from adr_runtime.repair import repair_stream
from adr_runtime.signing import Signer, development_secret

from . import support
from .test_relay import stage_events

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("R2")]


async def test_events_lost_by_the_broker_are_republished_and_applied_once(
    jetstream: Any, start_consumer: support.StartConsumer, nats_url: str, tmp_path: Path
) -> None:
    producer = support.reporting_context(
        f"sqlite+aiosqlite:///{tmp_path / 'producer.db'}", nats_url, support.record_effect
    )
    await support.create_schema(producer.engine)
    publish = jetstream_publisher(jetstream, timeout=5.0, signer=Signer.from_secret(development_secret("intake")))
    envelopes = await stage_events(producer.sessions, 6)
    relay = Relay(service="intake", sessions=producer.sessions, tables=support.TABLES, publish=publish)
    assert await relay.relay_once() == 6

    for lost in (2, 5):  # acknowledged, then lost (as a broker fault could)
        assert await jetstream.delete_msg(support.STREAM, lost)
    consumer = await start_consumer(support.record_effect, require_signatures=True)
    await support.wait_until(lambda: support.consumer_settled(jetstream, expected_stream_seq=6), what="survivors acked")
    assert await consumer.effects() == 4

    report = await repair_stream(producer, jetstream, publish)

    assert report.checked == 6 and report.present == 4
    assert report.republished == [str(envelopes[1].event_id), str(envelopes[4].event_id)]
    await support.wait_until(lambda: support.consumer_settled(jetstream, expected_stream_seq=8), what="repairs acked")
    assert await consumer.effects() == 6
    assert await consumer.inbox() == 6

    again = await repair_stream(producer, jetstream, publish)
    assert again.republished == [] and again.present == 6
    await producer.engine.dispose()


async def test_a_repair_of_an_intact_stream_changes_nothing(jetstream: Any, nats_url: str, tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}")
    await support.create_schema(engine)
    sessions = session_factory(engine)
    producer = support.reporting_context(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}", nats_url, support.record_effect)
    publish = jetstream_publisher(jetstream, timeout=5.0)
    await stage_events(sessions, 3)
    await Relay(service="intake", sessions=sessions, tables=support.TABLES, publish=publish).relay_once()

    report = await repair_stream(producer, jetstream, publish)

    assert (report.checked, report.present, report.republished) == (3, 3, [])
    assert (await jetstream.stream_info(support.STREAM)).state.messages == 3
    await producer.engine.dispose()
    await engine.dispose()


async def test_rows_past_the_retention_window_are_pruned_and_pending_ones_kept(tmp_path: Path, nats_url: str) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import func, select, update

    from adr_runtime.repair import prune_published

    producer = support.reporting_context(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}", nats_url, support.record_effect)
    await support.create_schema(producer.engine)
    await stage_events(producer.sessions, 3)
    outbox = support.TABLES.outbox
    old, recent = datetime.now(UTC) - timedelta(days=40), datetime.now(UTC) - timedelta(days=1)
    async with producer.sessions() as session, session.begin():
        await session.execute(update(outbox).where(outbox.c.seq == 1).values(published_at=old))
        await session.execute(update(outbox).where(outbox.c.seq == 2).values(published_at=recent))

    pruned = await prune_published(producer, before=datetime.now(UTC) - timedelta(days=30))

    async with producer.sessions() as session:
        left = (await session.execute(select(outbox.c.seq).order_by(outbox.c.seq))).scalars().all()
        assert await session.scalar(select(func.count()).select_from(outbox)) == 2
    assert pruned == 1 and left == [2, 3]  # the unpublished row 3 stays whatever its age
    await producer.engine.dispose()
