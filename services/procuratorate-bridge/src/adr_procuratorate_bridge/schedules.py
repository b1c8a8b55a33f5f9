"""The procuratorate's recurring job, run by the worker itself: noticing suggestions whose two-month
reply deadline has passed (P2). Idempotent: the database decides what is already noticed."""

from datetime import datetime

from adr_procuratorate_bridge import handlers
from adr_procuratorate_bridge.uow import ProcuratorateUnitOfWork
from adr_runtime.context import ServiceContext
from adr_runtime.schedules import ScheduledJob


async def notice_overdue_suggestions(ctx: ServiceContext, now: datetime) -> int:
    """Notices each overdue procuratorial suggestion once; returns how many."""
    uow = ProcuratorateUnitOfWork(ctx.sessions, ctx.tables, actor="system:procuratorate-bridge")
    return len(await handlers.sweep_overdue(uow, now=now))


JOBS = (ScheduledJob("suggestion-replies", every_seconds=3600, run=notice_overdue_suggestions),)
