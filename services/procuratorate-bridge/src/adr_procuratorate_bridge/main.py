"""``adr-procuratorate-bridge api|worker|migrate|revision|seed-demo|sweep``."""

import asyncio
import sys

from adr_procuratorate_bridge.schedules import notice_overdue_suggestions
from adr_procuratorate_bridge.spec import SPEC
from adr_runtime.cli import run_cli
from adr_runtime.clock import utc_now
from adr_runtime.context import ServiceContext


async def sweep(ctx: ServiceContext) -> int:
    """Notices overdue suggestions once (the DB decides; safe to run at any time, e.g. daily by cron)."""
    try:
        return await notice_overdue_suggestions(ctx, utc_now())
    finally:
        await ctx.engine.dispose()


def main(argv: list[str] | None = None) -> None:
    """Runs the command named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["sweep"]:
        noticed = asyncio.run(sweep(ServiceContext.build(SPEC, SPEC.settings_type())))
        sys.stdout.write(f"overdue suggestions noticed: {noticed}\n")
        return
    run_cli(SPEC, args)
