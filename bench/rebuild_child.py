"""The rebuild in a process of its own: ``python -m bench.rebuild_child DATABASE_URL NATS_URL``.

Runs what ``adr-reporting rebuild`` runs (without the progress bar) and prints one JSON line:
events read and applied, seconds, events/s, and the process's peak resident memory.
"""

import asyncio
import json
import os
import resource
import sys
import time
from typing import Any

import nats

from adr_reporting.rebuild import rebuild
from adr_reporting.settings import Settings
from adr_reporting.spec import SPEC
from adr_runtime.context import ServiceContext


async def main(database_url: str, nats_url: str) -> dict[str, Any]:
    settings = Settings(database_url=database_url, nats_url=nats_url, log_json=False)
    ctx = ServiceContext.build(SPEC, settings)
    connection = await nats.connect(nats_url, name="bench-rebuild")
    profile_to = os.environ.get("BENCH_PROFILE_DIR")
    profiler = None
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    try:
        started = time.perf_counter()
        async with ctx.sessions() as session, session.begin():
            report = await rebuild(session, connection.jetstream(), settings.warning_rules())
        seconds = time.perf_counter() - started
    finally:
        if profiler is not None and profile_to:
            profiler.disable()
            profiler.dump_stats(os.path.join(profile_to, "reporting-rebuild.prof"))
        await connection.close()
        await ctx.engine.dispose()
    read = sum(report.read.values())
    return {
        "events_read": read,
        "applied": report.applied,
        "seconds": round(seconds, 2),
        "events_per_s": round(read / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    sys.stdout.write(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2]))) + "\n")
