"""Court-bridge's unit of work: the filing-queue repository, the studio's records, and their events."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_court_bridge import translate
from adr_court_bridge.store.repository import FilingQueueRepository
from adr_court_bridge.store.tables import serials
from adr_runtime.outbox import HistoryNote
from adr_runtime.uow import SqlUnitOfWork


class CourtBridgeUnitOfWork(SqlUnitOfWork):
    """Collects the events the touched entries raised and the contracts the use cases published."""

    entries: FilingQueueRepository

    def _open(self, session: AsyncSession) -> None:
        self.entries = FilingQueueRepository(session)
        self.outgoing: list[Envelope[Any] | HistoryNote] = []

    def publish(self, payload: ContractModel, *, case_id: UUID | None, at: datetime) -> None:
        """Stages a contract event about ``case_id``, committed with the change that caused it."""
        self.outgoing.append(
            envelope_for(
                payload,
                case_id=case_id,
                correlation_id=self.correlation_id,
                causation_id=self.causation_id,
                occurred_at=at,
            )
        )

    def note(self, case_id: UUID | None, action: str, at: datetime, **details: Any) -> None:
        """Keeps a change in the case history without publishing it."""
        self.outgoing.append(HistoryNote(case_id=case_id, occurred_at=at, action=action, details=details))

    async def next_serial(self, scope: str, year: int) -> int:
        """The next serial of a numbering scope (a type code, or "suggestion") in a year.

        One statement creates the year's counter or bumps it: two transactions racing for the first number
        of a scope in a year both get one (1 and 2) instead of one failing on the counter's primary key.
        """
        dialect = self.session.get_bind().dialect.name
        upsert_of = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = upsert_of(serials).values(scope=scope, year=year, last_seq=1)
        statement = statement.on_conflict_do_update(
            index_elements=[serials.c.scope, serials.c.year], set_={"last_seq": serials.c.last_seq + 1}
        ).returning(serials.c.last_seq)
        return int((await self.session.execute(statement)).scalar_one())

    def collect_envelopes(self) -> Iterable[Envelope[Any] | HistoryNote]:
        for entry in self.entries.seen:
            while entry.events:
                yield translate.to_history(entry.events.pop(0))
        while self.outgoing:
            yield self.outgoing.pop(0)
