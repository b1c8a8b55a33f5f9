"""The mediation worker's own obligations sweep (W4, M10): run as a recurring job, it escalates an
overdue obligation exactly once, however often it runs."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from adr_mediation.schedules import JOBS
from adr_mediation.spec import SPEC
from adr_runtime.context import ServiceContext
from adr_runtime.schedules import run_job_once
from adr_runtime.testing.service import service_context

from ..api.test_mediation_cases import client_at, outbox, signed_case

pytestmark = [pytest.mark.integration, pytest.mark.clause("W4", "M10")]

OVERDUE = "adr.mediation.obligation.overdue.v1"


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


async def test_the_worker_job_escalates_an_overdue_obligation_once(ctx: ServiceContext) -> None:
    async with client_at(ctx) as http:
        await signed_case(ctx, http)
    (job,) = JOBS
    before_due = await run_job_once(ctx, job, now=datetime(2026, 12, 29, 9, tzinfo=UTC))

    runs = [await run_job_once(ctx, job, now=datetime(2027, 1, 2, 9, tzinfo=UTC)) for _ in range(3)]

    assert (job.name, before_due, runs) == ("obligations", 0, [1, 0, 0])
    assert [e["type"] for e in await outbox(ctx)].count(OVERDUE) == 1
    assert SPEC.background is not None
