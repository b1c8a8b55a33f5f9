"""Bounded polling for tests that wait on a real server."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any


async def eventually(check: Callable[[], Awaitable[Any]], *, within: float = 20.0) -> Any:
    """Polls until ``check`` returns something truthy; fails with the last value after ``within`` s."""
    deadline = time.monotonic() + within
    value = None
    while time.monotonic() < deadline:
        value = await check()
        if value:
            return value
        await asyncio.sleep(0.1)
    raise AssertionError(f"condition not met within {within} s (last value: {value!r})")
