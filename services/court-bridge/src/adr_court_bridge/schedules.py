"""Court-bridge's recurring jobs, run by the worker itself: closing appeal windows (M8) and noticing
judicial suggestions whose reply is overdue (M5). Both are idempotent."""

from datetime import datetime

from adr_court_bridge import studio
from adr_court_bridge import suggestions as suggestion_cases
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.clock import local_date
from adr_runtime.context import ServiceContext
from adr_runtime.schedules import ScheduledJob

ACTOR = "system:court-bridge"


def _uow(ctx: ServiceContext) -> CourtBridgeUnitOfWork:
    return CourtBridgeUnitOfWork(ctx.sessions, ctx.tables, actor=ACTOR)


async def close_appeal_windows(ctx: ServiceContext, now: datetime) -> int:
    """Publishes the end of each appeal window that has passed; returns how many."""
    return await studio.sweep_appeal_windows(_uow(ctx), today=local_date(now), now=now)


async def notice_overdue_suggestions(ctx: ServiceContext, now: datetime) -> int:
    """Publishes one overdue notice per judicial suggestion unanswered past its deadline; returns how many."""
    return await suggestion_cases.sweep_overdue(_uow(ctx), today=local_date(now), now=now)


JOBS = (
    ScheduledJob("appeal-windows", every_seconds=3600, run=close_appeal_windows),
    ScheduledJob("suggestion-replies", every_seconds=3600, run=notice_overdue_suggestions),
)
