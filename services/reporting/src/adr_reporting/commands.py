"""Reporting's own commands: ``adr-reporting rebuild`` and ``adr-reporting notices --due``."""

import argparse
from datetime import UTC, datetime

import nats
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from adr_reporting import notices
from adr_reporting.domain.periods import parse_period
from adr_reporting.rebuild import rebuild
from adr_reporting.settings import Settings
from adr_runtime.clock import local_date
from adr_runtime.context import ServiceContext


def _settings(ctx: ServiceContext) -> Settings:
    return ctx.settings if isinstance(ctx.settings, Settings) else Settings()


async def rebuild_command(ctx: ServiceContext, argv: list[str]) -> None:
    """Replays every stream from the start into fresh read models, with a progress bar per stream."""
    argparse.ArgumentParser(prog="adr-reporting rebuild", description="重建全部统计读模型").parse_args(argv)
    console = Console()
    connection = await nats.connect(ctx.settings.nats_url, name="reporting-rebuild")
    try:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console
        ) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(stream: str, done: int, total: int) -> None:
                if stream not in tasks:
                    tasks[stream] = bar.add_task(stream, total=total)
                bar.update(tasks[stream], completed=done, total=total)

            async with ctx.sessions() as session, session.begin():
                report = await rebuild(session, connection.jetstream(), _settings(ctx).warning_rules(),
                                       progress=progress)
    finally:
        await connection.close()
    read = sum(report.read.values())
    console.print(f"重建完成：读取 {read} 条事件，应用 {report.applied} 条，跳过 {report.skipped} 条。")


async def notices_command(ctx: ServiceContext, argv: list[str]) -> None:
    """Generates the notices that are due (``--due``: last complete month and quarter) or of named periods."""
    parser = argparse.ArgumentParser(prog="adr-reporting notices", description="生成定期通报（C6）")
    parser.add_argument("--due", action="store_true", help="上一个完整月度与季度的通报（尚未生成的）")
    parser.add_argument("periods", nargs="*", help="期间，如 2026-11 或 2026-Q4")
    args = parser.parse_args(argv)
    now = datetime.now(UTC)
    made = await notices.generate_due(ctx.sessions, now=now) if args.due else []
    for name in args.periods:
        await notices.generate(ctx.sessions, parse_period(name), issued_on=local_date(now), now=now)
        made.append(name)
    Console().print("已生成通报：" + ("、".join(made) if made else "无（均已生成）"))


COMMANDS = {"rebuild": rebuild_command, "notices": notices_command}
