"""(d) Reporting's rebuild: ``events`` registrations replayed from intake's stream into fresh read models.

The events are published (256 in flight) to the platform's intake stream, as intake's relay would
have, received and registered over ``days`` days (1,000 by default, from
2024-01-01). The rebuild runs in a child process (bench/rebuild_child.py)
that calls the code of ``adr-reporting rebuild`` (its own pull consumer, the live projections, one
transaction) so that its peak resident memory is its own.
"""

import asyncio
import json
import os
import sys
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

import nats

from adr_contracts import envelope_for
from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.subjects import parse_subject, stream_name
from adr_contracts.vocabulary import Channel
from adr_reporting.spec import SPEC
from adr_runtime.testing.service import migrated_context
from bench.infra import fresh_streams, scratch_database_async

AGENCIES = ["WJG-SCJ", "WJG-ZJJ", "WJG-GTJ", "WJG-RSJ", "WJG-GAJ"]
CHANNELS = list(Channel)


async def publish_registrations(url: str, events: int, *, days: int = 1000) -> float:
    """Publishes ``events`` registrations; returns the publishing rate."""
    connection = await nats.connect(url, name="bench-rebuild-fill")
    js = connection.jetstream()
    subject = DisputeRegisteredV1.SUBJECT
    stream = stream_name(parse_subject(subject).producer)
    first_day = date(2024, 1, 1)
    started = time.perf_counter()
    try:
        window = 256
        for offset in range(0, events, window):
            batch = []
            for n in range(offset, min(events, offset + window)):
                day = first_day + timedelta(days=n * days // max(1, events))
                payload = DisputeRegisteredV1(
                    registration_no=f"WJG-B-{n:07d}", channel=CHANNELS[n % len(CHANNELS)],
                    received_on=day,
                    agency_codes=[AGENCIES[n % len(AGENCIES)]], act_type="penalty", applicant_count=1 + n % 3,
                )
                occurred_at = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9)
                envelope = envelope_for(payload, case_id=uuid4(), correlation_id=uuid4(), occurred_at=occurred_at)
                batch.append(js.publish(subject, envelope.to_json(), stream=stream,
                                        headers={"Nats-Msg-Id": str(envelope.event_id)}))
            await asyncio.gather(*batch)
    finally:
        await connection.close()
    return events / (time.perf_counter() - started)


async def run(url: str, *, events: int, profile_dir: str | None = None) -> dict[str, Any]:
    async with scratch_database_async("rebuild_reporting") as database_url:
        await fresh_streams(url)
        ctx = await migrated_context(SPEC, database_url=database_url, nats_url=url)
        await ctx.engine.dispose()
        fill_rate = await publish_registrations(url, events)
        env = {**os.environ, "PYTHONPATH": os.getcwd()}
        if profile_dir:
            env["BENCH_PROFILE_DIR"] = profile_dir
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.rebuild_child", database_url, url, env=env, stdout=asyncio.subprocess.PIPE
        )
        out, _ = await child.communicate()
        if child.returncode != 0:
            raise RuntimeError("the rebuild failed")
        result: dict[str, Any] = json.loads(out)
    result["fill_publish_per_s"] = round(fill_rate)
    return result
