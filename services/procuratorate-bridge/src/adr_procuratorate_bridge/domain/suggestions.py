"""Procuratorial suggestions (检察建议, P3) and their reply deadline (RULES.md §5.2, §5.3).

A suggestion is drafted, then issued to an agency with a number and a reply deadline: two months
from service unless the procuratorate sets a shorter period where the matter is urgent (15 days
for public-interest cases whose harm is growing). The agency replies with the measures it took,
adopting the suggestion or not; a reply after the deadline counts its days late. A suggestion
still unanswered after its deadline is noticed once as overdue.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from uuid import UUID

from adr_procuratorate_bridge.domain.errors import Conflict, DomainError
from adr_runtime.legal_time import HolidayCalendar, PeriodEnd, days, months


class SuggestionKind(StrEnum):
    """The five kinds of procuratorial suggestion (RULES.md §5.2)."""

    RETRIAL = "retrial"  # 再审检察建议
    CORRECTION = "correction"  # 纠正违法检察建议
    PUBLIC_INTEREST = "public_interest"  # 公益诉讼检察建议
    SOCIAL_GOVERNANCE = "social_governance"  # 社会治理检察建议
    OTHER = "other"  # 其他检察建议


class SuggestionStatus(StrEnum):
    """Where a suggestion stands."""

    DRAFT = "draft"  # 草稿
    ISSUED = "issued"  # 已发出，待回复
    OVERDUE = "overdue"  # 逾期未回复
    REPLIED = "replied"  # 已回复


@dataclass(frozen=True)
class ReplyRules:
    """How the reply deadline is counted (configurable; defaults per RULES.md §5.2)."""

    months: int = 2
    urgent_days: int = 15
    warn_days: tuple[int, ...] = (15, 5)  # alerts before the deadline (RULES.md §5.3)

    def due(self, served_on: date, *, urgent: bool, calendar: HolidayCalendar | None = None) -> PeriodEnd:
        """The last day to reply: the period counted from service, rolled past rest days and holidays."""
        if urgent:
            return days(served_on, self.urgent_days, calendar=calendar)
        return months(served_on, self.months, calendar=calendar)


@dataclass(frozen=True)
class SuggestionIssued:
    suggestion_id: UUID


@dataclass(frozen=True)
class SuggestionReplied:
    suggestion_id: UUID


@dataclass(frozen=True)
class SuggestionOverdue:
    suggestion_id: UUID
    noticed_on: date


SuggestionEvent = SuggestionIssued | SuggestionReplied | SuggestionOverdue


@dataclass
class Suggestion:
    """A procuratorial suggestion to an agency, from draft to reply."""

    id: UUID
    kind: SuggestionKind
    agency_code: str
    topic_code: str
    findings: str
    recommendations: str
    case_id: UUID | None = None
    legal_basis: str = ""
    urgent: bool = False
    status: SuggestionStatus = SuggestionStatus.DRAFT
    suggestion_no: str | None = None
    issued_on: date | None = None
    reply_due_on: date | None = None
    reply_due_provisional: bool = False
    overdue_noticed_on: date | None = None
    replied_on: date | None = None
    adopted: bool | None = None
    measures: tuple[str, ...] = ()
    reply_summary: str = ""
    days_late: int | None = None
    evaluation_id: UUID | None = None
    events: list[SuggestionEvent] = field(default_factory=list, repr=False)

    @classmethod
    def draft(
        cls,
        *,
        id: UUID,
        kind: SuggestionKind,
        agency_code: str,
        topic_code: str,
        findings: str,
        recommendations: str,
        case_id: UUID | None = None,
        legal_basis: str = "",
        urgent: bool = False,
        evaluation_id: UUID | None = None,
    ) -> "Suggestion":
        """A new draft; nothing is published until it is issued."""
        if not findings.strip() or not recommendations.strip():
            raise DomainError("检察建议须写明发现的问题和建议内容")
        return cls(
            id=id, kind=kind, agency_code=agency_code, topic_code=topic_code, findings=findings.strip(),
            recommendations=recommendations.strip(), case_id=case_id, legal_basis=legal_basis.strip(),
            urgent=urgent, evaluation_id=evaluation_id,
        )

    def issue(
        self, *, suggestion_no: str, served_on: date, rules: ReplyRules, calendar: HolidayCalendar | None = None
    ) -> None:
        """Issues the draft: it gets its number and its reply deadline, counted from service."""
        if self.status is not SuggestionStatus.DRAFT:
            raise Conflict(f"检察建议 {self.suggestion_no} 已发出，不能重复发出")
        due = rules.due(served_on, urgent=self.urgent, calendar=calendar)
        self.status = SuggestionStatus.ISSUED
        self.suggestion_no = suggestion_no
        self.issued_on = served_on
        self.reply_due_on = due.day
        self.reply_due_provisional = due.provisional
        self.events.append(SuggestionIssued(self.id))

    def reply(self, *, replied_on: date, adopted: bool, measures: tuple[str, ...], summary: str = "") -> None:
        """Records the agency's written reply and the measures it took (late replies count their days late)."""
        if self.status is SuggestionStatus.DRAFT:
            raise Conflict("检察建议尚未发出，不能登记回复")
        if self.status is SuggestionStatus.REPLIED:
            raise Conflict(f"检察建议 {self.suggestion_no} 已登记回复，不能重复回复")
        assert self.issued_on is not None and self.reply_due_on is not None
        if replied_on < self.issued_on:
            raise DomainError("回复日期不能早于检察建议发出日期")
        cleaned = tuple(m.strip() for m in measures if m.strip())
        if adopted and not cleaned:
            raise DomainError("采纳检察建议的，须写明已采取的整改措施")
        self.status = SuggestionStatus.REPLIED
        self.replied_on = replied_on
        self.adopted = adopted
        self.measures = cleaned
        self.reply_summary = summary.strip()
        self.days_late = max(0, (replied_on - self.reply_due_on).days)
        self.events.append(SuggestionReplied(self.id))

    def notice_overdue(self, today: date) -> bool:
        """Marks an unanswered suggestion overdue once its deadline has passed; True if it did so now."""
        if self.status is not SuggestionStatus.ISSUED or self.reply_due_on is None or today <= self.reply_due_on:
            return False
        self.status = SuggestionStatus.OVERDUE
        self.overdue_noticed_on = today
        self.events.append(SuggestionOverdue(self.id, today))
        return True

    def warning(self, today: date, rules: ReplyRules) -> str | None:
        """``overdue``, ``due_in_5``/``due_in_15`` (RULES.md §5.3 alerts), or None."""
        if self.status is SuggestionStatus.OVERDUE:
            return "overdue"
        if self.status is not SuggestionStatus.ISSUED or self.reply_due_on is None:
            return None
        if today > self.reply_due_on:
            return "overdue"
        left = (self.reply_due_on - today).days
        for limit in sorted(rules.warn_days):
            if left <= limit:
                return f"due_in_{limit}"
        return None

    def copy(self) -> "Suggestion":
        """A detached copy without pending events."""
        return replace(self, events=[])
