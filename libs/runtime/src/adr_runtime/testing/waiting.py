"""Bounded waiting for asynchronous effects (a consumer applying an event, a relay publishing)."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import REGISTRY


async def eventually(check: Callable[[], Awaitable[Any]], *, within: float = 20.0, what: str = "condition") -> Any:
    """Polls ``check`` until it returns something truthy and returns that; fails after ``within`` seconds."""
    deadline = time.monotonic() + within
    value = None
    while time.monotonic() < deadline:
        value = await check()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError(f"{what} not reached within {within:.0f} s (last value: {value!r})")


def consumer_counters(durable: str) -> tuple[float, float]:
    """How many events a consumer applied, and how many it skipped as already applied (from its metrics)."""
    labels = {"consumer": durable}
    applied = REGISTRY.get_sample_value("adr_events_consumed_total", labels) or 0.0
    skipped = REGISTRY.get_sample_value("adr_events_duplicate_total", labels) or 0.0
    return applied, skipped
