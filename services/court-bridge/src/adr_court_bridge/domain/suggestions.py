"""Judicial suggestions (司法建议, RULES.md §5.1; K3, C5, M10): drafted, issued, replied, or overdue.

A draft is proposed automatically when an agency's obligation under an agreement goes overdue (M10),
when an agency head fails to appear without a valid reason (Heads-Prov art.12), or when reporting
warns of a pattern of similar disputes (a comprehensive suggestion, K3); staff may also draft by hand.
Only a draft is issued, with a number and a reply deadline; only an issued suggestion is replied to or
dropped; the overdue notice is given once.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from adr_court_bridge.domain.errors import SuggestionStateError


class SuggestionStatus(StrEnum):
    DRAFT = "draft"  # 草拟
    ISSUED = "issued"  # 已发出，待回复
    REPLIED = "replied"  # 已回复
    DROPPED = "dropped"  # 不予发出


class Trigger(StrEnum):
    OBLIGATION_OVERDUE = "obligation_overdue"  # 协议义务逾期未履行（M10）
    HEAD_ABSENT = "head_absent"  # 负责人无正当理由未出庭
    WARNING = "warning"  # 同类争议集中预警（K3）
    MANUAL = "manual"  # 人工起草


TOPIC_OF_TRIGGER = {
    Trigger.OBLIGATION_OVERDUE: "obligation_overdue",
    Trigger.HEAD_ABSENT: "head_absent",
    Trigger.WARNING: "repeated_disputes",
}


@dataclass
class Suggestion:
    """One suggestion from its draft to its reply."""

    id: UUID
    kind: str
    trigger: Trigger
    topic_code: str
    content: str
    agency_code: str | None = None
    case_id: UUID | None = None
    related_case_ids: tuple[UUID, ...] = ()
    status: SuggestionStatus = SuggestionStatus.DRAFT
    suggestion_no: str | None = None
    issued_on: date | None = None
    reply_due_on: date | None = None
    replied_on: date | None = None
    adopted: bool | None = None
    measures: str | None = None
    overdue_noticed_on: date | None = None
    changes: list[str] = field(default_factory=list, compare=False, repr=False)

    def issue(self, *, suggestion_no: str, issued_on: date, reply_due_on: date, agency_code: str | None) -> None:
        """Issues a draft to an agency (the draft's own, or the one staff name now)."""
        self._require(SuggestionStatus.DRAFT, "issue")
        agency = agency_code or self.agency_code
        if not agency:
            raise SuggestionStateError(self.id, "issue_without_agency")
        if reply_due_on <= issued_on:
            raise SuggestionStateError(self.id, "reply_due_before_issue")
        self.agency_code, self.suggestion_no = agency, suggestion_no
        self.issued_on, self.reply_due_on = issued_on, reply_due_on
        self.status = SuggestionStatus.ISSUED
        self.changes.append("issued")

    def reply(self, *, replied_on: date, adopted: bool, measures: str) -> int:
        """Records the agency's written reply and measures; returns the days it was late (0 if on time)."""
        self._require(SuggestionStatus.ISSUED, "reply")
        assert self.issued_on is not None and self.reply_due_on is not None
        if replied_on < self.issued_on:
            raise SuggestionStateError(self.id, "reply_before_issue")
        self.status, self.replied_on, self.adopted, self.measures = (
            SuggestionStatus.REPLIED,
            replied_on,
            adopted,
            measures,
        )
        self.changes.append("replied")
        return self.days_late(replied_on)

    def drop(self) -> None:
        """Decides not to issue a proposed draft."""
        self._require(SuggestionStatus.DRAFT, "drop")
        self.status = SuggestionStatus.DROPPED
        self.changes.append("dropped")

    def notice_overdue(self, today: date) -> bool:
        """Marks an unanswered suggestion overdue once its deadline has passed; True the first time only."""
        if self.status is not SuggestionStatus.ISSUED or self.overdue_noticed_on is not None:
            return False
        assert self.reply_due_on is not None
        if today <= self.reply_due_on:
            return False
        self.overdue_noticed_on = today
        self.changes.append("overdue")
        return True

    def days_late(self, day: date) -> int:
        """Days past the reply deadline on ``day``."""
        return max(0, (day - self.reply_due_on).days) if self.reply_due_on else 0

    def _require(self, status: SuggestionStatus, action: str) -> None:
        if self.status is not status:
            raise SuggestionStateError(self.id, action)
