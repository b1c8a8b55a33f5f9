"""Mediation's unit of work: the mediation-case repository plus event harvesting."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_mediation import translate
from adr_mediation.domain.events import DomainEvent
from adr_mediation.store.repository import MediationCaseRepository
from adr_runtime.outbox import HistoryNote
from adr_runtime.uow import SqlUnitOfWork


class MediationUnitOfWork(SqlUnitOfWork):
    """Collects every event the loaded mediation cases (and the handler itself) raised, mapped to contracts."""

    cases: MediationCaseRepository
    events: list[DomainEvent]

    def _open(self, session: AsyncSession) -> None:
        self.cases = MediationCaseRepository(session)
        self.events = []

    def collect_envelopes(self) -> Iterable[Envelope[Any] | HistoryNote]:
        for case in self.cases.seen:
            while case.events:
                yield self._map(case.events.pop(0))
        while self.events:
            yield self._map(self.events.pop(0))

    def _map(self, event: DomainEvent) -> Envelope[Any] | HistoryNote:
        return translate.to_envelope(event, correlation_id=self.correlation_id, causation_id=self.causation_id)
