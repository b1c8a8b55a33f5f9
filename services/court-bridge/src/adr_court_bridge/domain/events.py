"""Facts court-bridge records, named in the past tense (kept in the case history)."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class QueuedForFiling:
    """The dispute entered the filing queue."""

    case_id: UUID
    at: datetime
    source: str
    first_received_on: date


@dataclass(frozen=True)
class FilingTriggerAdded:
    """A further institution sent the same dispute to filing; the entry keeps one row."""

    case_id: UUID
    at: datetime
    source: str
    first_received_on: date


DomainEvent = QueuedForFiling | FilingTriggerAdded
