"""Procuratorial hearings (检察听证), reconciliation, and judicial assistance (司法救助), each linked to a case (P4).

A hearing is scheduled, then held with its participants and outcome (e.g. the parties reconciled,
a suggestion will follow, or the review ends). The record names at least one hearing officer
(听证员). An application for judicial assistance is received, then granted with an amount or refused.
Names of participants and applicants stay in the procuratorate's records; events carry codes and counts.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from adr_procuratorate_bridge.domain.errors import Conflict, DomainError


class HearingOutcome(StrEnum):
    RECONCILED = "reconciled"  # 达成和解
    SUGGESTION = "suggestion"  # 制发检察建议
    CLOSED = "closed"  # 审查终结
    SUPPORTED = "supported"  # 支持监督申请
    NOT_SUPPORTED = "not_supported"  # 不支持监督申请


class ParticipantRole(StrEnum):
    HEARING_OFFICER = "hearing_officer"  # 听证员
    APPLICANT = "applicant"  # 申请人
    AGENCY = "agency"  # 行政机关
    THIRD_PARTY = "third_party"  # 第三人
    PEOPLE_SUPERVISOR = "people_supervisor"  # 人民监督员
    OTHER = "other"


@dataclass(frozen=True)
class Participant:
    role: ParticipantRole
    name: str
    organisation: str = ""


@dataclass(frozen=True)
class HearingHeld:
    hearing_id: UUID


@dataclass
class Hearing:
    """A procuratorial hearing about a case."""

    id: UUID
    case_id: UUID
    topic: str
    scheduled_on: date
    location: str = ""
    held_on: date | None = None
    participants: tuple[Participant, ...] = ()
    outcome: HearingOutcome | None = None
    outcome_summary: str = ""
    events: list[HearingHeld] = field(default_factory=list, repr=False)

    @property
    def held(self) -> bool:
        return self.held_on is not None

    def hold(
        self, *, held_on: date, participants: tuple[Participant, ...], outcome: HearingOutcome, summary: str
    ) -> None:
        """Records the hearing as held, with who took part and what came of it."""
        if self.held:
            raise Conflict("该检察听证已记录举行情况，不能重复记录")
        if not any(p.role is ParticipantRole.HEARING_OFFICER for p in participants):
            raise DomainError("检察听证须有听证员参加（participants 中至少一名 hearing_officer）")
        if any(not p.name.strip() for p in participants):
            raise DomainError("参加人须写明姓名或名称")
        self.held_on = held_on
        self.participants = participants
        self.outcome = outcome
        self.outcome_summary = summary.strip()
        self.events.append(HearingHeld(self.id))


@dataclass(frozen=True)
class AssistanceDecided:
    application_id: UUID


@dataclass
class AssistanceApplication:
    """An application for judicial assistance (司法救助) in a case."""

    id: UUID
    case_id: UUID
    applicant_name: str
    reason: str
    applied_on: date
    requested_fen: int | None = None
    decided_on: date | None = None
    granted: bool | None = None
    amount_fen: int | None = None
    decision_reason: str = ""
    events: list[AssistanceDecided] = field(default_factory=list, repr=False)

    def decide(self, *, decided_on: date, granted: bool, amount_fen: int | None, reason: str) -> None:
        """Grants assistance with an amount, or refuses it with a reason."""
        if self.decided_on is not None:
            raise Conflict("该司法救助申请已作出决定，不能重复决定")
        if decided_on < self.applied_on:
            raise DomainError("决定日期不能早于申请日期")
        if granted and (amount_fen is None or amount_fen <= 0):
            raise DomainError("决定给予司法救助的，须写明救助金额（amount_fen）")
        if not granted and amount_fen:
            raise DomainError("不予救助的决定不能有救助金额")
        if not granted and not reason.strip():
            raise DomainError("不予救助的，须写明理由")
        self.decided_on = decided_on
        self.granted = granted
        self.amount_fen = amount_fen if granted else None
        self.decision_reason = reason.strip()
        self.events.append(AssistanceDecided(self.id))
