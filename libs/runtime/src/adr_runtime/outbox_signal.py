"""Telling the outbox relay that a transaction which staged events has committed.

Without a signal the relay finds new rows only at its next poll (``relay_idle_seconds``). Two
signals make it look at once:

- **in the process**: a relay registers its wake function for its engine (:func:`on_commit`);
  after any session on that engine commits a transaction that inserted into the outbox, the
  wake functions run. This covers the worker, where consumers' transactions stage events.
- **across processes, on PostgreSQL**: such a transaction also calls ``pg_notify`` on
  :data:`CHANNEL` just before it commits. PostgreSQL delivers the notification only if the
  transaction commits, and only to listeners on the same database, which is the service's own;
  the relay's listener (:mod:`adr_runtime.outbox_listener`) wakes it. This covers the API process.

Both hook into SQLAlchemy's session events, so every writer is covered whether it stages through
a unit of work, a consumer's transaction or ``outbox.stage`` directly. The hooks are installed
when this module is imported (the unit of work and the relay import it). On SQLite only the
in-process signal exists; the relay keeps polling for the API process's commits.
"""

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, event, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import ORMExecuteState, Session

# one service per database, so one channel name serves every service; a notification reaches
# only the listeners connected to the database where the transaction committed
CHANNEL = "adr_outbox"
OUTBOX_TABLE = "outbox"
_STAGED = "adr_outbox_staged"
_NOTIFY = text("SELECT pg_notify(:channel, '')")

Wake = Callable[[], None]
_wakers: "WeakKeyDictionary[Engine, list[Wake]]" = WeakKeyDictionary()


def on_commit(engine: AsyncEngine | Engine, wake: Wake) -> Callable[[], None]:
    """Calls ``wake`` after each commit on ``engine`` that staged events; returns the undo.

    Args:
        engine: the engine the relay reads the outbox through.
        wake: called in the committing task (it must only set a flag, e.g. ``Event.set``).
    """
    sync_engine = engine.sync_engine if isinstance(engine, AsyncEngine) else engine
    _wakers.setdefault(sync_engine, []).append(wake)

    def undo() -> None:
        with contextlib.suppress(KeyError, ValueError):
            _wakers[sync_engine].remove(wake)

    return undo


def _note_outbox_insert(state: ORMExecuteState) -> None:
    table = getattr(state.statement, "table", None)
    if state.is_insert and getattr(table, "name", None) == OUTBOX_TABLE:
        state.session.info[_STAGED] = True


def _notify_before_commit(session: Session) -> None:
    if session.info.get(_STAGED) and session.get_bind().dialect.name == "postgresql":
        session.execute(_NOTIFY, {"channel": CHANNEL})


def _wake_after_commit(session: Session) -> None:
    if not session.info.pop(_STAGED, False):
        return
    for wake in list(_wakers.get(session.get_bind().engine, ())):
        wake()


def _forget_after_rollback(session: Session) -> None:
    session.info.pop(_STAGED, None)


def install() -> None:
    """Adds the session hooks (once per process; importing this module does it)."""
    hooks: list[tuple[str, Callable[..., Any]]] = [
        ("do_orm_execute", _note_outbox_insert),
        ("before_commit", _notify_before_commit),
        ("after_commit", _wake_after_commit),
        ("after_rollback", _forget_after_rollback),
    ]
    for name, hook in hooks:
        if not event.contains(Session, name, hook):
            event.listen(Session, name, hook)


async def wait_any(*events: asyncio.Event, timeout: float) -> None:
    """Returns when one of ``events`` is set or after ``timeout`` seconds, whichever comes first."""
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter


install()
