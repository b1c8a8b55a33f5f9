"""Recurring jobs a worker runs by itself: the daily sweeps (overdue obligations, appeal windows,
suggestion replies, periodic notices) no longer wait for someone to call an API or a cron entry.

Each job is idempotent (a second run finds nothing new), so a missed or repeated run does no harm.
With several worker replicas on PostgreSQL, a session advisory lock per job lets one replica run it
at a time; the others skip that round. Intervals are per job and can be changed per deployment with
``<PREFIX>SCHEDULE_SECONDS='{"obligations": 600}'``; ``<PREFIX>SCHEDULES_ENABLED=false`` turns them off
(e.g. where a Kubernetes CronJob runs the same command instead).
"""

import asyncio
import contextlib
import logging
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from prometheus_client import Counter, Gauge
from sqlalchemy import text

from adr_runtime.clock import utc_now

if TYPE_CHECKING:
    from adr_runtime.context import ServiceContext

logger = logging.getLogger(__name__)

JOB_RUNS = Counter("adr_schedule_runs_total", "Runs of a recurring job, by outcome", ["service", "job", "outcome"])
JOB_LAST_SUCCESS = Gauge(
    "adr_schedule_last_success_timestamp_seconds",
    "When a recurring job last finished without error",
    ["service", "job"],
)

Job = Callable[["ServiceContext", datetime], Awaitable[int]]
Background = Callable[["ServiceContext", asyncio.Event], Awaitable[None]]


@dataclass(frozen=True)
class ScheduledJob:
    """A recurring job: what it is called, how often it runs, and what it does.

    ``run`` gets the process's context and the current time and returns how many things it did
    (events published, notices made), which is logged.
    """

    name: str
    every_seconds: float
    run: Job
    first_delay_seconds: float = 600.0  # not at start-up: a worker that restarts often still runs it


def interval_of(ctx: "ServiceContext", job: ScheduledJob) -> float:
    """The job's interval, or the deployment's override of it (``SCHEDULE_SECONDS``)."""
    return float(ctx.settings.schedule_seconds.get(job.name, job.every_seconds))


@contextlib.asynccontextmanager
async def exclusive(ctx: "ServiceContext", job: ScheduledJob) -> AsyncIterator[bool]:
    """Holds the job's advisory lock on PostgreSQL for the duration (True when this replica has it)."""
    if ctx.engine.dialect.name != "postgresql":
        yield True
        return
    key = zlib.crc32(f"schedule:{ctx.spec.name}:{job.name}".encode()) & 0x7FFFFFFF
    async with ctx.engine.connect() as connection:
        held = bool(await connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}))
        await connection.commit()
        try:
            yield held
        finally:
            if held:
                await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                await connection.commit()


async def run_job_once(ctx: "ServiceContext", job: ScheduledJob, *, now: datetime | None = None) -> int | None:
    """Runs the job once if no other replica is running it; None when skipped or failed (logged)."""
    service = ctx.spec.name
    try:
        async with exclusive(ctx, job) as held:
            if not held:
                JOB_RUNS.labels(service, job.name, "skipped").inc()
                return None
            done = await job.run(ctx, now or utc_now())
    except Exception:
        JOB_RUNS.labels(service, job.name, "failed").inc()
        logger.exception("recurring job %s failed; it runs again at its next interval", job.name)
        return None
    JOB_RUNS.labels(service, job.name, "ok").inc()
    JOB_LAST_SUCCESS.labels(service, job.name).set_to_current_time()
    logger.info("recurring job %s done: %d", job.name, done, extra={"job": job.name})
    return done


async def _repeat(ctx: "ServiceContext", job: ScheduledJob, stop: asyncio.Event) -> None:
    pause = min(job.first_delay_seconds, interval_of(ctx, job))
    while not await _stopped_within(stop, pause):
        await run_job_once(ctx, job)
        pause = interval_of(ctx, job)


async def _stopped_within(stop: asyncio.Event, seconds: float) -> bool:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    return stop.is_set()


async def run_schedules(ctx: "ServiceContext", jobs: Sequence[ScheduledJob], stop: asyncio.Event) -> None:
    """Runs every job at its interval until ``stop`` is set (nothing when schedules are disabled)."""
    if not ctx.settings.schedules_enabled or not jobs:
        return
    await asyncio.gather(*(_repeat(ctx, job, stop) for job in jobs))


def scheduled(jobs: Sequence[ScheduledJob], *, also: Background | None = None) -> Background:
    """A worker background task (``ServiceSpec.background``) that runs ``jobs``, and ``also`` beside them."""

    async def background(ctx: "ServiceContext", stop: asyncio.Event) -> None:
        tasks: list[Awaitable[None]] = [run_schedules(ctx, jobs, stop)]
        if also is not None:
            tasks.append(also(ctx, stop))
        await asyncio.gather(*tasks)

    return background
