"""Every service's recurring jobs (adr_runtime.schedules) run on its real schema, on SQLite and
PostgreSQL, and are idempotent: a second run at the same moment does nothing more (W4, M5, M8, P2, C6)."""

from datetime import UTC, datetime

import pytest

from adr_court_bridge import schedules as court
from adr_court_bridge.spec import SPEC as COURT
from adr_mediation import schedules as mediation
from adr_mediation.spec import SPEC as MEDIATION
from adr_procuratorate_bridge import schedules as procuratorate
from adr_procuratorate_bridge.spec import SPEC as PROCURATORATE
from adr_reporting import schedules as reporting
from adr_reporting.spec import SPEC as REPORTING
from adr_runtime.context import ServiceSpec
from adr_runtime.schedules import ScheduledJob, run_job_once
from adr_runtime.testing.service import service_context

pytestmark = [pytest.mark.integration, pytest.mark.clause("W4", "M5", "M8", "P2", "C6")]

NOW = datetime(2026, 11, 28, 2, tzinfo=UTC)
EXPECTED_JOBS = {
    "mediation": ["obligations"],
    "court-bridge": ["appeal-windows", "suggestion-replies"],
    "procuratorate-bridge": ["suggestion-replies"],
    "reporting": ["notices"],
}


SERVICES = [(MEDIATION, mediation.JOBS), (COURT, court.JOBS), (PROCURATORATE, procuratorate.JOBS),
            (REPORTING, reporting.JOBS)]


@pytest.mark.parametrize(("spec", "jobs"), SERVICES, ids=[spec.name for spec, _ in SERVICES])
async def test_each_job_runs_and_a_second_run_does_nothing_more(
    spec: ServiceSpec, jobs: tuple[ScheduledJob, ...], database_url: str
) -> None:
    async with service_context(spec, database_url=database_url) as ctx:
        first = [await run_job_once(ctx, job, now=NOW) for job in jobs]
        second = [await run_job_once(ctx, job, now=NOW) for job in jobs]

    assert [job.name for job in jobs] == EXPECTED_JOBS[spec.name]
    assert all(isinstance(done, int) for done in first), first
    assert second == [0] * len(jobs)
    assert spec.background is not None
    if spec.name == "reporting":
        assert first == [2]  # October 2026 and the third quarter, made once
