"""Each service's idle resident memory: its ``api`` and ``worker`` processes, started as they are deployed.

Every service runs on a migrated PostgreSQL database of its own and the benchmark's nats-server
(streams provisioned). Memory is read five seconds after ``/healthz`` answers and the worker started,
with no traffic.
"""

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

from adr_court_bridge.spec import SPEC as COURT
from adr_intake.spec import SPEC as INTAKE
from adr_mediation.spec import SPEC as MEDIATION
from adr_procuratorate_bridge.spec import SPEC as PROCURATORATE
from adr_reporting.spec import SPEC as REPORTING
from adr_runtime.localnats import free_port
from adr_runtime.testing.service import migrated_context
from bench.infra import scratch_database_async

SERVICES = {"intake": INTAKE, "mediation": MEDIATION, "court-bridge": COURT,
            "procuratorate-bridge": PROCURATORATE, "reporting": REPORTING}


def _prefix(service: str) -> str:
    return service.upper().replace("-", "_") + "_"


async def _measure(service: str, url: str) -> dict[str, float]:
    async with scratch_database_async(f"idle_{service.replace('-', '_')}") as database_url:
        ctx = await migrated_context(SERVICES[service], database_url=database_url, nats_url=url)
        await ctx.engine.dispose()
        port = free_port()
        prefix = _prefix(service)
        env = {**os.environ, f"{prefix}DATABASE_URL": database_url, f"{prefix}NATS_URL": url,
               f"{prefix}HTTP_PORT": str(port), f"{prefix}LOG_LEVEL": "WARNING"}
        command = str(Path(sys.executable).with_name(f"adr-{service}"))
        processes = {kind: subprocess.Popen([command, kind], env=env, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL) for kind in ("api", "worker")}
        try:
            deadline = time.monotonic() + 60
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                while True:
                    try:
                        if (await http.get("/healthz")).status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline or any(p.poll() is not None for p in processes.values()):
                        raise RuntimeError(f"{service} did not start")
                    await asyncio.sleep(0.2)
            await asyncio.sleep(float(os.environ.get("BENCH_IDLE_SETTLE_SECONDS", "5")))
            return {kind: round(psutil.Process(p.pid).memory_info().rss / 2**20, 1) for kind, p in processes.items()}
        finally:
            for p in processes.values():
                p.terminate()
            for p in processes.values():
                try:
                    p.wait(timeout=25)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


async def run(url: str) -> dict[str, Any]:
    rss: dict[str, float] = {}
    chosen = [s for s in os.environ.get("BENCH_IDLE_SERVICES", "").split(",") if s] or list(SERVICES)
    for service in chosen:
        for kind, mb in (await _measure(service, url)).items():
            rss[f"{service} {kind}"] = mb
    return {"rss_mb": rss}
