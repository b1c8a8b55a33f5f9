"""(c) The journey intake API → mediation → reporting, on PostgreSQL and the synced nats-server.

Three services in this process, each on a database of its own with its real worker (subscribers and
relay): ``disputes`` court delegations with the parties' consent are registered through intake's API
(routed to mediation in the same transaction), mediation opens a case, and reporting records the
opened mediation. A dispute is done when reporting's ``dispute_facts`` row shows ``mediation_status``
set; the benchmark looks every 20 ms, so latencies are known to ±20 ms.
Registrations are offered at ``rate`` per second (open loop) and the figure is disputes/s from the
first registration to the last one done, and the p99 of (done − registration sent).
"""

import asyncio
import time
from typing import Any
from uuid import UUID

from sqlalchemy import select

from adr_intake.spec import SPEC as INTAKE
from adr_mediation.spec import SPEC as MEDIATION
from adr_reporting.spec import SPEC as REPORTING
from adr_reporting.store.tables import dispute_facts
from adr_runtime.testing.service import api_client, migrated_context, running_worker
from bench.infra import fresh_streams, latency_summary, scratch_database_async
from bench.loadgen import registration


async def run(url: str, *, disputes: int, rate: float = 20.0) -> dict[str, Any]:
    await fresh_streams(url)
    async with (
        scratch_database_async("journey_intake") as intake_db,
        scratch_database_async("journey_mediation") as mediation_db,
        scratch_database_async("journey_reporting") as reporting_db,
    ):
        contexts = [
            await migrated_context(INTAKE, database_url=intake_db, nats_url=url),
            await migrated_context(MEDIATION, database_url=mediation_db, nats_url=url),
            await migrated_context(REPORTING, database_url=reporting_db, nats_url=url),
        ]
        intake, _, reporting = contexts
        try:
            async with (
                running_worker(contexts[0]),
                running_worker(contexts[1]),
                running_worker(contexts[2]),
                api_client(intake) as http,
            ):
                journey = _Journey(http, reporting)
                await journey.warm_up(disputes)
                first = await journey.offer(disputes, rate)
                await journey.until_all_done(disputes)
        finally:
            for ctx in contexts:
                await ctx.engine.dispose()
    sent, done = journey.sent, journey.done
    elapsed = max(done.values()) - first
    return {"disputes": disputes, "offered_rate_per_s": rate, "disputes_per_s": round(disputes / elapsed, 1),
            "latency": latency_summary([done[c] - sent[c] for c in done])}


class _Journey:
    """Registrations sent through intake's API, and when reporting first saw each of them."""

    def __init__(self, http: Any, reporting: Any) -> None:
        self.http, self.reporting = http, reporting
        self.sent: dict[UUID, float] = {}
        self.done: dict[UUID, float] = {}

    async def register(self, n: int) -> None:
        """Registers court delegation ``n`` with the parties' consent (routed to mediation)."""
        body = {**registration(n), "channel": "court_delegation", "mediation_consent": True}
        started = time.perf_counter()
        response = await self.http.post("/api/v1/disputes", json=body)
        response.raise_for_status()
        self.sent[UUID(response.json()["case_id"])] = started

    async def warm_up(self, n: int) -> None:
        """One dispute through the whole journey before timing, then forgotten."""
        await self.register(n)
        warm = next(iter(self.sent))
        while warm not in self.done:
            await asyncio.sleep(0.02)
            await _look(self.reporting, self.sent, self.done)
        del self.sent[warm], self.done[warm]

    async def offer(self, disputes: int, rate: float) -> float:
        """Registers ``disputes`` at ``rate`` per second (open loop); returns when the first was due."""
        first = time.perf_counter()
        tasks = []
        for n in range(disputes):
            delay = first + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(self.register(n)))
            await _look(self.reporting, self.sent, self.done)
        await asyncio.gather(*tasks)
        return first

    async def until_all_done(self, disputes: int) -> None:
        """Waits until reporting has every dispute (or fails after a generous deadline)."""
        deadline = time.perf_counter() + max(120, disputes)
        while len(self.done) < disputes:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{disputes - len(self.done)} disputes never reached reporting")
            await asyncio.sleep(0.02)
            await _look(self.reporting, self.sent, self.done)


async def _look(reporting: Any, sent: dict[UUID, float], done: dict[UUID, float]) -> None:
    waiting = [case for case in sent if case not in done]
    if not waiting:
        return
    async with reporting.sessions() as session:
        rows = await session.execute(
            select(dispute_facts.c.case_id).where(
                dispute_facts.c.case_id.in_(waiting), dispute_facts.c.mediation_status.is_not(None)
            )
        )
        now = time.perf_counter()
        for (case_id,) in rows:
            done[case_id] = now
