"""The relay's ear on PostgreSQL: ``LISTEN adr_outbox`` on a connection of its own.

Transactions that stage events notify :data:`adr_runtime.outbox_signal.CHANNEL` when they commit,
in whichever process they run. The listener holds one asyncpg connection (outside the engine's
pool, since it is never given back), wakes the relay on each notification, and reconnects when
the connection is lost; while it is down the relay still polls every ``relay_idle_seconds``, so a
lost notification delays an event, never loses it. After each (re)connection it wakes the relay
once, for whatever was committed while nobody listened.
"""

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Callable
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from adr_runtime.outbox_signal import CHANNEL, wait_any

logger = logging.getLogger(__name__)

_CONNECT_PARAMETERS = frozenset(inspect.signature(asyncpg.connect).parameters)


def asyncpg_connect_args(engine: AsyncEngine) -> dict[str, Any]:
    """The keyword arguments asyncpg needs to reach the engine's database (SQLAlchemy's own dropped)."""
    _args, kwargs = engine.dialect.create_connect_args(engine.url)
    return {key: value for key, value in kwargs.items() if key in _CONNECT_PARAMETERS}


class OutboxListener:
    """Listens for outbox notifications and calls ``wake`` for each; reconnects on loss.

    Attributes:
        connections: how many times a connection was made (tests watch reconnection).
        notifications: how many notifications arrived.
        server_pid: the PostgreSQL backend of the current connection (None between connections).
    """

    def __init__(
        self,
        engine: AsyncEngine,
        wake: Callable[[], None],
        *,
        keepalive_seconds: float = 15.0,
        retry_seconds: float = 1.0,
    ) -> None:
        self._connect_args = asyncpg_connect_args(engine)
        self._wake = wake
        self._keepalive = keepalive_seconds
        self._retry = retry_seconds
        self.connections = 0
        self.notifications = 0
        self.server_pid: int | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Listens until ``stop`` is set, reconnecting with growing pauses (up to 30 s)."""
        pause = self._retry
        while not stop.is_set():
            try:
                connection = await asyncpg.connect(
                    **self._connect_args, server_settings={"application_name": "adr-outbox-listener"}
                )
            except Exception as exc:  # the database is down: the relay's poll carries on meanwhile
                logger.warning("outbox listener cannot connect (%s); retrying", type(exc).__name__)
                await wait_any(stop, timeout=pause)
                pause = min(pause * 2, 30.0)
                continue
            pause = self._retry
            try:
                await self._listen(connection, stop)
            except Exception as exc:  # a lost connection shows up here as well as through termination
                logger.warning("outbox listener lost its connection (%s); reconnecting", type(exc).__name__)
            finally:
                self.server_pid = None
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(connection.close(), timeout=2)
            await wait_any(stop, timeout=self._retry)  # a server that drops us at once is not hammered

    async def _listen(self, connection: Any, stop: asyncio.Event) -> None:
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _connection: lost.set())
        await connection.add_listener(CHANNEL, self._notified)
        self.server_pid = connection.get_server_pid()
        self.connections += 1
        self._wake()
        while not stop.is_set() and not lost.is_set():
            await wait_any(stop, lost, timeout=self._keepalive)
            if not stop.is_set() and not lost.is_set():
                # a half-open TCP connection never reports its loss: ask the server something
                await asyncio.wait_for(connection.execute("SELECT 1"), timeout=self._keepalive)

    def _notified(self, _connection: Any, _pid: int, _channel: str, _payload: str) -> None:
        self.notifications += 1
        self._wake()
