"""Intake's unit of work: the dispute repository plus event harvesting."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_intake import translate
from adr_intake.store.repository import DisputeRepository
from adr_runtime.outbox import HistoryNote
from adr_runtime.uow import SqlUnitOfWork


class IntakeUnitOfWork(SqlUnitOfWork):
    """Collects every event the loaded disputes raised and maps it to its contract."""

    disputes: DisputeRepository

    def _open(self, session: AsyncSession) -> None:
        self.disputes = DisputeRepository(session)

    def collect_envelopes(self) -> Iterable[Envelope[Any] | HistoryNote]:
        for dispute in self.disputes.seen:
            while dispute.events:
                event = dispute.events.pop(0)
                yield translate.to_envelope(event, correlation_id=self.correlation_id, causation_id=self.causation_id)
