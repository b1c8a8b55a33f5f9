"""Reporting's own commands: ``adr-reporting rebuild`` and ``adr-reporting notices --due``."""

import argparse

import nats
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from adr_reporting.rebuild import rebuild
from adr_reporting.settings import Settings
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


COMMANDS = {"rebuild": rebuild_command}
