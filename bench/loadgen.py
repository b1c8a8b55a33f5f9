"""A separate load-generator process: ``python -m bench.loadgen BASE_URL CLIENTS REQUESTS [WARMUP]``.

``CLIENTS`` asyncio clients (one connection each) post registrations to ``/api/v1/disputes`` until
``REQUESTS`` have been answered; prints one JSON line: requests/s, latencies, status counts.
"""

import asyncio
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from bench.infra import latency_summary


def registration(n: int) -> dict[str, Any]:
    received = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    return {
        "channel": "centre_walk_in",
        "received_on": received,
        "applicants": [{"kind": "natural", "name": f"申请人{n}", "phone": f"138{n % 100_000_000:08d}"}],
        "agency_codes": ["WJG-SCJ"],
        "act_type": "penalty",
        "claims_summary": "请求撤销罚款决定",
        "mediation_consent": True,
    }


async def run(base_url: str, clients: int, requests: int, warmup: int) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: Counter[int | str] = Counter()
    https = [httpx.AsyncClient(base_url=base_url, timeout=30) for _ in range(clients)]

    async def client(http: httpx.AsyncClient, numbers: Iterator[int], record: bool) -> None:
        for n in numbers:
            started = time.perf_counter()
            try:
                status = (await http.post("/api/v1/disputes", json=registration(n))).status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            if record:
                latencies.append(time.perf_counter() - started)
                statuses[status] += 1

    try:
        warm = iter(range(warmup))
        await asyncio.gather(*(client(http, warm, False) for http in https))
        numbers = iter(range(warmup, warmup + requests))
        started = time.perf_counter()
        await asyncio.gather(*(client(http, numbers, True) for http in https))
        elapsed = time.perf_counter() - started
    finally:
        for http in https:
            await http.aclose()
    return {
        "clients": clients,
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "statuses": {str(k): v for k, v in statuses.items()},
        "latency": latency_summary(latencies),
    }


def main() -> None:
    base_url, clients, requests = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    sys.stdout.write(json.dumps(asyncio.run(run(base_url, clients, requests, warmup))) + "\n")


if __name__ == "__main__":
    main()
