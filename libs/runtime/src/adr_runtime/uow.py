"""The unit of work: one transaction holding a state change, its history and its outgoing events."""

import uuid
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts import Envelope
from adr_runtime import outbox, outbox_signal
from adr_runtime.tables import MessagingTables

outbox_signal.install()  # idempotent; here so that every process that stages events signals its commits


class SqlUnitOfWork:
    """Base of every service's unit of work.

    Subclasses create their repositories in :meth:`_open` and return the envelopes of the events
    their aggregates raised from :meth:`collect_envelopes`; :meth:`commit` writes those to the
    outbox and the case history before committing, so no handler can forget an event.
    """

    session: AsyncSession

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession] | AsyncSession,
        tables: MessagingTables,
        *,
        actor: str,
        correlation_id: uuid.UUID | None = None,
        causation_id: uuid.UUID | None = None,
    ) -> None:
        # Given an open session (a consumer's, already holding its inbox row), the unit of work
        # joins that transaction: commit() only stages the events and the caller commits.
        self._joined = isinstance(sessions, AsyncSession)
        self._sessions = sessions
        self._tables = tables
        self.actor = actor
        self.correlation_id = correlation_id or uuid.uuid4()
        self.causation_id = causation_id

    async def __aenter__(self) -> "SqlUnitOfWork":
        if isinstance(self._sessions, AsyncSession):
            self.session = self._sessions
        else:
            self.session = self._sessions()
            await self.session.begin()
        self._open(self.session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._joined:
            return
        await self.session.rollback()
        await self.session.close()

    def _open(self, session: AsyncSession) -> None:
        """Creates the repositories over the open session."""

    def collect_envelopes(self) -> Iterable[Envelope[Any] | outbox.HistoryNote]:
        """The envelopes of every event raised since the transaction began (notes: history only)."""
        return ()

    async def commit(self) -> None:
        """Stages the collected events in the outbox and history, then commits everything at once.

        Committing a transaction that staged events wakes the relay (``outbox_signal``'s session
        hooks: at once in this process, through ``NOTIFY`` from another one on PostgreSQL).
        """
        for item in self.collect_envelopes():
            if isinstance(item, outbox.HistoryNote):
                await outbox.record_note(self.session, self._tables, item, actor=self.actor)
            else:
                await outbox.stage(self.session, self._tables, item, actor=self.actor)
        if not self._joined:
            await self.session.commit()
