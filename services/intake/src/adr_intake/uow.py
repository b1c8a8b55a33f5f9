"""Intake's unit of work: the dispute repository plus event harvesting."""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts import Envelope
from adr_intake import translate
from adr_intake.portal.notices import notify_stage_changes
from adr_intake.settings import Settings
from adr_intake.store.directory_repository import DirectoryRepository
from adr_intake.store.filing_reviews import FilingReviewRepository
from adr_intake.store.pii import PiiCipher
from adr_intake.store.repository import DisputeRepository
from adr_runtime.context import ServiceContext
from adr_runtime.outbox import HistoryNote
from adr_runtime.tables import MessagingTables
from adr_runtime.uow import SqlUnitOfWork

PII_CIPHER = "pii_cipher"
"""Key in ``ServiceContext.extras`` of the process's PiiCipher."""


class IntakeUnitOfWork(SqlUnitOfWork):
    """Collects every event the loaded disputes raised and maps it to its contract."""

    disputes: DisputeRepository
    filing_reviews: FilingReviewRepository
    directory: DirectoryRepository

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession] | AsyncSession,
        tables: MessagingTables,
        *,
        actor: str,
        correlation_id: uuid.UUID | None = None,
        causation_id: uuid.UUID | None = None,
        cipher: PiiCipher | None = None,
    ) -> None:
        # the cipher is needed only by work that seals, opens or searches personal data (pii_cipher(ctx))
        super().__init__(sessions, tables, actor=actor, correlation_id=correlation_id, causation_id=causation_id)
        self.cipher = cipher

    def _open(self, session: AsyncSession) -> None:
        self.disputes = DisputeRepository(session, self.cipher)
        self.filing_reviews = FilingReviewRepository(session)
        self.directory = DirectoryRepository(session, self.cipher)
        self.notes: list[HistoryNote] = []  # changes kept in the case history only (e.g. a restriction, O3)

    async def commit(self) -> None:
        # notices to online applicants commit with the stage change they report (issue #12)
        await notify_stage_changes(self.session, self.disputes.seen)
        await super().commit()

    def collect_envelopes(self) -> Iterable[Envelope[Any] | HistoryNote]:
        for dispute in self.disputes.seen:
            while dispute.events:
                event = dispute.events.pop(0)
                yield translate.to_envelope(event, correlation_id=self.correlation_id, causation_id=self.causation_id)
        for unit in self.directory.seen:
            while unit.events:
                yield translate.directory_envelope(unit.events.pop(0), correlation_id=self.correlation_id)
        while self.notes:
            yield self.notes.pop(0)


def pii_cipher(ctx: ServiceContext) -> PiiCipher:
    """The process's cipher for personal data, built once from the settings (INTAKE_PII_KEY)."""
    cipher = ctx.extras.get(PII_CIPHER)
    if not isinstance(cipher, PiiCipher):
        settings = ctx.settings
        assert isinstance(settings, Settings)
        cipher = ctx.extras[PII_CIPHER] = PiiCipher(settings.keyring())
    return cipher


def intake_uow(ctx: ServiceContext, *, actor: str, correlation_id: uuid.UUID) -> IntakeUnitOfWork:
    """A unit of work of an API request, with the cipher for personal data."""
    cipher = pii_cipher(ctx)
    return IntakeUnitOfWork(ctx.sessions, ctx.tables, actor=actor, correlation_id=correlation_id, cipher=cipher)
