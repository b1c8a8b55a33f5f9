"""Reporting's recurring job, run by the worker itself: the periodic notices (通报, C6) of the last
complete month and quarter, each made once."""

from datetime import datetime

from adr_reporting import notices
from adr_runtime.context import ServiceContext
from adr_runtime.schedules import ScheduledJob


async def generate_due_notices(ctx: ServiceContext, now: datetime) -> int:
    """Generates the notices that are due and not made yet; returns how many."""
    return len(await notices.generate_due(ctx.sessions, now=now))


JOBS = (ScheduledJob("notices", every_seconds=6 * 3600, run=generate_due_notices),)
