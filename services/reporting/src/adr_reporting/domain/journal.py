"""The journal: every event reporting reads, reduced to a dated fact without personal data (M11, J1).

Indicators are computed from the journal, so any of them can be computed as of a past date:
only the facts dated on or before that day are counted. Each fact keeps the date the event
itself gives (the day a hearing was held, an agreement reached, a reply sent), not the day it
reached reporting.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID


class Kind(StrEnum):
    """What a fact records (one per contract reporting reads)."""

    REGISTERED = "registered"
    FILING_REVIEWED = "filing_reviewed"
    ROUTED = "routed"
    CLASSIFIED = "classified"
    LEAD_AGENCY_DECIDED = "lead_agency_decided"
    WITHDRAWN = "withdrawn"
    AGENCY_CHANGED = "agency_changed"
    MEDIATION_OPENED = "mediation_opened"
    AGREEMENT_REACHED = "agreement_reached"
    MEDIATION_FAILED = "mediation_failed"
    CONFIRMATION_REQUESTED = "confirmation_requested"
    RISK_ASSESSED = "risk_assessed"
    OBLIGATION_OVERDUE = "obligation_overdue"
    OBLIGATION_FULFILLED = "obligation_fulfilled"
    MEDIATION_CLOSED = "mediation_closed"
    FOLLOW_UP = "follow_up"
    SUBSIDY_APPROVED = "subsidy_approved"
    CASE_FILED = "case_filed"
    PLAN_SUBMITTED = "plan_submitted"
    HEARING_HELD = "hearing_held"
    DECISION_ISSUED = "decision_issued"
    APPEAL_SETTLED = "appeal_settled"
    CONFIRMATION_RULED = "confirmation_ruled"
    JUDICIAL_SUGGESTION_ISSUED = "judicial_suggestion_issued"
    JUDICIAL_SUGGESTION_REPLIED = "judicial_suggestion_replied"
    JUDICIAL_SUGGESTION_OVERDUE = "judicial_suggestion_overdue"
    PROCURATORIAL_SUGGESTION_ISSUED = "procuratorial_suggestion_issued"
    PROCURATORIAL_SUGGESTION_REPLIED = "procuratorial_suggestion_replied"
    PROCURATORIAL_SUGGESTION_OVERDUE = "procuratorial_suggestion_overdue"
    PROCURATORIAL_HEARING_HELD = "procuratorial_hearing_held"
    ASSISTANCE_DECIDED = "assistance_decided"


@dataclass(frozen=True)
class Entry:
    """One fact of the journal: what happened, to which dispute and agencies, on which day."""

    event_id: UUID
    kind: Kind
    on: date
    case_id: UUID | None = None
    agency_codes: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """A field of the event's payload."""
        return self.data.get(key, default)


def as_of(entries: list[Entry], day: date | None) -> list[Entry]:
    """The facts known on ``day`` (all of them when no day is given), in date order."""
    kept = [e for e in entries if day is None or e.on <= day]
    return sorted(kept, key=lambda e: (e.on, str(e.event_id)))
