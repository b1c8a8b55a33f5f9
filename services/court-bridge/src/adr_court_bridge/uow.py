"""Court-bridge's unit of work: the filing-queue repository plus history of every change."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_court_bridge import translate
from adr_court_bridge.store.repository import FilingQueueRepository
from adr_runtime.outbox import HistoryNote
from adr_runtime.uow import SqlUnitOfWork


class CourtBridgeUnitOfWork(SqlUnitOfWork):
    """Collects every event the touched entries raised and keeps it in the case history."""

    entries: FilingQueueRepository

    def _open(self, session: AsyncSession) -> None:
        self.entries = FilingQueueRepository(session)

    def collect_envelopes(self) -> Iterable[Envelope[Any] | HistoryNote]:
        for entry in self.entries.seen:
            while entry.events:
                yield translate.to_history(entry.events.pop(0))
