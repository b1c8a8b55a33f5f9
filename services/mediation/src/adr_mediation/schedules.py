"""Mediation's recurring job: the daily obligations sweep (W4, M10), run by the worker itself."""

from datetime import datetime

from adr_mediation import handlers
from adr_mediation.settings import Settings
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.context import ServiceContext
from adr_runtime.schedules import ScheduledJob

ACTOR = "system:mediation"


async def sweep_obligations(ctx: ServiceContext, now: datetime) -> int:
    """Escalates each obligation past its due date once (ObligationOverdueV1); returns how many."""
    settings = ctx.settings
    assert isinstance(settings, Settings)
    uow = MediationUnitOfWork(ctx.sessions, ctx.tables, actor=ACTOR)
    result = await handlers.sweep_obligations(uow, now=now, remind_within_days=settings.obligation_reminder_days)
    return result.overdue_published


JOBS = (ScheduledJob("obligations", every_seconds=3600, run=sweep_obligations),)
