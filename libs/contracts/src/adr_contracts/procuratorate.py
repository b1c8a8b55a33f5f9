"""Contracts published by the procuratorate bridge (the district procuratorate's studio)."""

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from adr_contracts.base import ContractModel
from adr_contracts.services import ServiceName

_READERS: frozenset[ServiceName] = frozenset({"reporting"})


class ProcuratorialSuggestionIssuedV1(ContractModel):
    """The procuratorate issued a suggestion to an agency (检察建议, P3); reply within two months (§5.2)."""

    SUBJECT: ClassVar[str] = "adr.procuratorate.suggestion.issued.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _READERS
    SUMMARY: ClassVar[str] = "检察院发出检察建议"

    suggestion_id: UUID
    suggestion_no: str
    agency_code: str
    topic_code: str
    issued_on: date
    reply_due_on: date


class ProcuratorialSuggestionRepliedV1(ContractModel):
    """The agency replied to a procuratorial suggestion, with the measures it took."""

    SUBJECT: ClassVar[str] = "adr.procuratorate.suggestion.replied.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _READERS
    SUMMARY: ClassVar[str] = "行政机关回复检察建议"

    suggestion_id: UUID
    agency_code: str
    replied_on: date
    reply_due_on: date
    days_late: int = Field(ge=0)
    adopted: bool


class ProcuratorialSuggestionOverdueV1(ContractModel):
    """No reply to a procuratorial suggestion by its deadline (the sweeper's event)."""

    SUBJECT: ClassVar[str] = "adr.procuratorate.suggestion.overdue.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _READERS
    SUMMARY: ClassVar[str] = "检察建议逾期未回复"

    suggestion_id: UUID
    agency_code: str
    reply_due_on: date
    noticed_on: date


class ProcuratorialHearingHeldV1(ContractModel):
    """A procuratorial hearing (检察听证, P4) took place."""

    SUBJECT: ClassVar[str] = "adr.procuratorate.hearing.held.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _READERS
    SUMMARY: ClassVar[str] = "举行检察听证"

    hearing_id: UUID
    held_on: date
    outcome_code: str = Field(description="e.g. reconciled, suggestion, closed")
    participant_count: int = Field(ge=0)


class JudicialAssistanceDecidedV1(ContractModel):
    """An application for judicial assistance (司法救助, P4) was decided."""

    SUBJECT: ClassVar[str] = "adr.procuratorate.assistance.decided.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _READERS
    SUMMARY: ClassVar[str] = "司法救助申请已决定"

    application_id: UUID
    decided_on: date
    granted: bool
    amount_fen: int | None = Field(default=None, ge=0)


CONTRACTS: tuple[type[ContractModel], ...] = (
    ProcuratorialSuggestionIssuedV1,
    ProcuratorialSuggestionRepliedV1,
    ProcuratorialSuggestionOverdueV1,
    ProcuratorialHearingHeldV1,
    JudicialAssistanceDecidedV1,
)
