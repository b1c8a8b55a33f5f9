"""Procuratorate-bridge's unit of work: its repositories plus event harvesting into the outbox."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_procuratorate_bridge import translate
from adr_procuratorate_bridge.store.analysis import AnalysisRepository
from adr_procuratorate_bridge.store.hearings import AssistanceRepository, HearingRepository
from adr_procuratorate_bridge.store.suggestions import SuggestionRepository
from adr_runtime.clock import utc_now
from adr_runtime.outbox import HistoryNote
from adr_runtime.uow import SqlUnitOfWork


class ProcuratorateUnitOfWork(SqlUnitOfWork):
    """Collects every event the loaded aggregates raised and maps it to its contract."""

    suggestions: SuggestionRepository
    hearings: HearingRepository
    assistance: AssistanceRepository
    analysis: AnalysisRepository

    def _open(self, session: AsyncSession) -> None:
        self.suggestions = SuggestionRepository(session)
        self.hearings = HearingRepository(session)
        self.assistance = AssistanceRepository(session)
        self.analysis = AnalysisRepository(session)
        self.notes: list[HistoryNote] = []  # changes kept in the case history only (no contract)
        self.envelopes: list[Envelope[Any]] = []  # events built directly by a use case
        self.occurred_at: datetime = utc_now()

    def collect_envelopes(self) -> Iterable[Envelope[Any] | HistoryNote]:
        for suggestion in self.suggestions.seen:
            while suggestion.events:
                event = suggestion.events.pop(0)
                yield translate.suggestion_envelope(
                    suggestion, event, correlation_id=self.correlation_id, occurred_at=self.occurred_at
                )
        for hearing in self.hearings.seen:
            while hearing.events:
                hearing.events.pop(0)
                yield translate.hearing_envelope(
                    hearing, correlation_id=self.correlation_id, occurred_at=self.occurred_at
                )
        for application in self.assistance.seen:
            while application.events:
                application.events.pop(0)
                yield translate.assistance_envelope(
                    application, correlation_id=self.correlation_id, occurred_at=self.occurred_at
                )
        while self.envelopes:
            yield self.envelopes.pop(0)
        while self.notes:
            yield self.notes.pop(0)
