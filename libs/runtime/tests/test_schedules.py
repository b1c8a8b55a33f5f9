"""The worker's recurring jobs (adr_runtime.schedules): they repeat until stopped, survive a failing run,
honour the deployment's switch and intervals, and run on one replica at a time on PostgreSQL."""

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import pytest

from adr_runtime.context import ServiceContext
from adr_runtime.schedules import ScheduledJob, interval_of, run_job_once, run_schedules, scheduled

from . import support

pytestmark = [pytest.mark.clause("W4", "C6", "M10")]


async def _nothing(_session: Any, _envelope: Any) -> None:
    return None


@pytest.fixture
async def make_ctx(database_url: str) -> AsyncIterator[Callable[..., ServiceContext]]:
    made: list[ServiceContext] = []

    def make(**settings: Any) -> ServiceContext:
        made.append(support.reporting_context(database_url, "nats://127.0.0.1:4222", _nothing, **settings))
        return made[-1]

    yield make
    for ctx in made:
        await ctx.engine.dispose()


def counting_job(calls: list[datetime], *, every: float = 0.05, fail_first: bool = False) -> ScheduledJob:
    async def run(_ctx: ServiceContext, now: datetime) -> int:
        calls.append(now)
        if fail_first and len(calls) == 1:
            raise RuntimeError("the database went away")
        return len(calls)

    return ScheduledJob("count", every_seconds=every, run=run, first_delay_seconds=0.01)


async def run_until(ctx: ServiceContext, job: ScheduledJob, calls: list[datetime], runs: int) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(run_schedules(ctx, [job], stop))
    await support.wait_until(lambda: _at_least(calls, runs), timeout=10, what=f"{runs} runs")
    stop.set()
    await asyncio.wait_for(task, timeout=5)


async def _at_least(calls: list[datetime], runs: int) -> bool:
    return len(calls) >= runs


async def test_a_job_repeats_until_the_worker_stops(make_ctx: Callable[..., ServiceContext]) -> None:
    calls: list[datetime] = []

    await run_until(make_ctx(), counting_job(calls), calls, 3)

    assert len(calls) >= 3 and calls == sorted(calls)


async def test_a_failed_run_is_retried_at_the_next_interval(make_ctx: Callable[..., ServiceContext]) -> None:
    calls: list[datetime] = []
    ctx = make_ctx()

    first = await run_job_once(ctx, counting_job(calls, fail_first=True))
    await run_until(ctx, counting_job(calls, fail_first=True), calls, 3)

    assert first is None and len(calls) >= 3


async def test_the_deployment_can_switch_jobs_off_or_change_their_interval(
    make_ctx: Callable[..., ServiceContext],
) -> None:
    calls: list[datetime] = []
    off = make_ctx(schedules_enabled=False)
    tuned = make_ctx(schedule_seconds={"count": 7200})

    await asyncio.wait_for(run_schedules(off, [counting_job(calls)], asyncio.Event()), timeout=2)

    assert calls == []
    assert interval_of(tuned, counting_job(calls)) == 7200.0
    assert interval_of(off, counting_job(calls)) == 0.05


async def test_scheduled_runs_the_other_background_task_beside_the_jobs(
    make_ctx: Callable[..., ServiceContext],
) -> None:
    calls: list[datetime] = []
    beside: list[str] = []

    async def other(_ctx: ServiceContext, stop: asyncio.Event) -> None:
        beside.append("started")
        await stop.wait()

    stop = asyncio.Event()
    task = asyncio.create_task(scheduled([counting_job(calls)], also=other)(make_ctx(), stop))
    await support.wait_until(lambda: _at_least(calls, 2), timeout=10, what="two runs")
    stop.set()
    await asyncio.wait_for(task, timeout=5)

    assert beside == ["started"]


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_on_postgres_one_replica_runs_a_job_at_a_time(make_ctx: Callable[..., ServiceContext]) -> None:
    first_replica, second_replica = make_ctx(), make_ctx()
    entered, release = asyncio.Event(), asyncio.Event()

    async def slow(_ctx: ServiceContext, _now: datetime) -> int:
        entered.set()
        await release.wait()
        return 1

    job = ScheduledJob("slow", every_seconds=60, run=slow)
    holder = asyncio.create_task(run_job_once(first_replica, job))
    await asyncio.wait_for(entered.wait(), timeout=10)
    skipped = await run_job_once(second_replica, job)
    release.set()

    assert (await holder, skipped) == (1, None)
    entered.clear()
    release.set()
    assert await run_job_once(second_replica, job) == 1  # the lock was given back
