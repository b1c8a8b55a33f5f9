"""Every service's command line: ``api``, ``worker``, ``migrate``, ``revision``, ``seed-demo``, ``repair``."""

import argparse
import asyncio
import contextlib
import logging
import os
import signal

import uvicorn

from adr_contracts.services import SERVICE_TITLE_ZH
from adr_runtime.auth.seed import seed_demo_accounts
from adr_runtime.context import ServiceContext, ServiceSpec
from adr_runtime.http import build_gate, create_service_app
from adr_runtime.logs import setup_logging
from adr_runtime.migrations import autogenerate, upgrade
from adr_runtime.worker import run_worker

logger = logging.getLogger(__name__)


def run_cli(spec: ServiceSpec, argv: list[str] | None = None) -> None:
    """Parses the command and runs it with settings read once from the environment.

    Args:
        spec: the service.
        argv: arguments (the process's own when None).
    """
    parser = _parser(spec)
    args, rest = parser.parse_known_args(argv)
    if rest and args.command not in spec.commands:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "revision":
        autogenerate(spec.migrations_dir, args.message)
        return
    settings = spec.settings_type()
    setup_logging(spec.name, level=settings.log_level, json_format=settings.log_json)
    ctx = ServiceContext.build(spec, settings)
    if args.command == "api":
        port = args.port or settings.http_port or spec.default_port
        uvicorn.run(create_service_app(ctx), host=settings.http_host, port=port, log_config=None, access_log=False)
    elif args.command == "worker":
        asyncio.run(_worker_until_signal(ctx))
    elif args.command == "seed-demo":
        asyncio.run(_seed_demo(ctx))
    elif args.command == "repair":
        asyncio.run(_repair(ctx, args.since_days))
    elif args.command == "audit-verify":
        raise SystemExit(asyncio.run(_audit_verify(ctx)))
    elif args.command in spec.commands:
        asyncio.run(_own_command(ctx, args.command, rest))
    else:
        asyncio.run(_migrate(ctx))


def _parser(spec: ServiceSpec) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"adr-{spec.name}", description=spec.title)
    parser.add_argument(
        "command",
        choices=["api", "worker", "migrate", "revision", "seed-demo", "repair", "audit-verify", *spec.commands],
    )
    parser.add_argument(
        "--since-days",
        type=float,
        default=None,
        help="repair only: outbox rows published in the last N days (default: the retention window)",
    )
    parser.add_argument("--port", type=int, default=None, help="HTTP port (api only)")
    parser.add_argument("-m", "--message", default="change", help="revision slug (revision only)")
    return parser


async def _own_command(ctx: ServiceContext, name: str, rest: list[str]) -> None:
    try:
        await ctx.spec.commands[name](ctx, rest)
    finally:
        await ctx.engine.dispose()


async def _migrate(ctx: ServiceContext) -> None:
    await upgrade(ctx.engine, ctx.spec.migrations_dir)
    await ctx.engine.dispose()
    logger.info("database migrated")


DEMO_PASSWORD_VAR = "ADR_DEMO_PASSWORD"


async def _seed_demo(ctx: ServiceContext) -> None:
    """Demo accounts (one per role, a second liaison) with the password in ``ADR_DEMO_PASSWORD``."""
    password = os.environ.get(DEMO_PASSWORD_VAR, "")
    if ctx.settings.env == "prod" or len(password) < 8:
        raise SystemExit(f"seed-demo needs {DEMO_PASSWORD_VAR} (8+ characters) and a non-production env")
    gate = build_gate(ctx)
    created = await seed_demo_accounts(
        gate,
        password=password,
        institution=SERVICE_TITLE_ZH[ctx.spec.name],
        agency_code=os.environ.get("ADR_DEMO_AGENCY", "WJG-SCJ"),
        other_agency_code=os.environ.get("ADR_DEMO_OTHER_AGENCY", "WJG-ZJJ"),
    )
    await ctx.engine.dispose()
    logger.info("demo accounts created: %d", len(created))


async def _audit_verify(ctx: ServiceContext) -> int:
    """Checks the audit log's hash chain; 0 when whole, 1 naming the first altered row."""
    import sys

    from adr_runtime.auth.audit import verify_chain

    if ctx.spec.auth_tables is None:
        sys.stderr.write("this service keeps no audit log\n")
        return 2
    async with ctx.sessions() as session:
        report = await verify_chain(session, ctx.spec.auth_tables.audit_log)
    await ctx.engine.dispose()
    if report.intact:
        sys.stdout.write(
            f"audit log intact: {report.checked} chained row(s), {report.unchained} from before the chain\n"
        )
        return 0
    sys.stdout.write(
        f"audit log ALTERED at row {report.first_broken_id}: {report.reason} ({report.checked} row(s) before it hold)\n"
    )
    return 1


async def _repair(ctx: ServiceContext, since_days: float | None) -> None:
    """Publishes again what the service's stream lost (issue #10 item 8)."""
    from datetime import UTC, datetime, timedelta

    from adr_runtime.repair import run_repair

    since = datetime.now(UTC) - timedelta(days=since_days) if since_days is not None else None
    report = await run_repair(ctx, since=since)
    await ctx.engine.dispose()
    logger.info(
        "stream repair: %d published event(s) checked, %d present, %d republished",
        report.checked,
        report.present,
        len(report.republished),
    )


async def _worker_until_signal(ctx: ServiceContext) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await run_worker(ctx, stop)
