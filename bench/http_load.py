"""(e) Intake's HTTP registration under 50 concurrent clients from a separate load-generator process.

Intake runs under uvicorn (one process, as its container does) on a free port, on a migrated
PostgreSQL database of its own; the load generator (bench/loadgen.py) is another process.
"""

import asyncio
import json
import os
import subprocess
import sys
import time
from typing import Any

import httpx

from adr_intake.spec import SPEC
from adr_runtime.localnats import free_port
from adr_runtime.testing.service import migrated_context
from bench.infra import scratch_database_async


async def run(url: str, *, clients: int, requests: int, warmup: int) -> dict[str, Any]:
    async with scratch_database_async("http_intake") as database_url:
        ctx = await migrated_context(SPEC, database_url=database_url)
        await ctx.engine.dispose()
        port = free_port()
        env = {**os.environ, "PYTHONPATH": os.getcwd()}
        server = subprocess.Popen([sys.executable, "-m", "bench.serve_intake", database_url, str(port), url], env=env)
        try:
            await _wait_until_up(f"http://127.0.0.1:{port}", server)
            cpu_before = _cpu_seconds(server.pid)
            generator = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.loadgen",
                f"http://127.0.0.1:{port}",
                str(clients),
                str(requests),
                str(warmup),
                env=env,
                stdout=asyncio.subprocess.PIPE,
            )
            out, _ = await generator.communicate()
            if generator.returncode != 0:
                raise RuntimeError("the load generator failed")
            result: dict[str, Any] = json.loads(out)
            result["server_rss_mb"] = _rss_mb(server.pid)
            # CPU the server spent per answered request (warm-up included): steadier than the rate on a
            # shared machine, and what sizes the deployment (cores needed = rate x CPU per request)
            answered = result["requests"] + warmup
            result["server_cpu_ms_per_request"] = round(1000 * (_cpu_seconds(server.pid) - cpu_before) / answered, 2)
            return result
        finally:
            server.terminate()
            server.wait(timeout=20)


async def _wait_until_up(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180  # a loaded machine takes long to import the app
    async with httpx.AsyncClient(base_url=base_url) as http:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError("intake's server exited")
            try:
                if (await http.get("/healthz")).status_code < 500:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise TimeoutError("intake's server did not answer")


def _cpu_seconds(pid: int) -> float:
    import psutil

    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def _rss_mb(pid: int) -> float:
    import psutil

    return round(psutil.Process(pid).memory_info().rss / 2**20, 1)
