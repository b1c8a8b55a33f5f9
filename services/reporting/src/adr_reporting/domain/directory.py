"""The agency directory as reporting counts it (O3): units and how many liaisons each has, no identities.

The latest change of a unit stands. Changes at the same instant are ordered by their content, so
that applying the same changes in any order, any number of times, gives the same row.
"""

from dataclasses import dataclass
from datetime import datetime

_CHANGE_RANK = {"added": 0, "updated": 1, "removed": 2}


@dataclass(frozen=True)
class AgencyChanged:
    at: datetime
    code: str
    name_zh: str
    kind: str
    change: str
    liaison_count: int

    def key(self) -> tuple[datetime, int, int, str, str]:
        """What decides which of two changes stands."""
        return self.at, _CHANGE_RANK.get(self.change, 0), self.liaison_count, self.name_zh, self.kind


@dataclass
class AgencyFacts:
    """One unit of the directory as last reported."""

    code: str
    name_zh: str | None = None
    kind: str | None = None
    liaison_count: int = 0
    removed: bool = False
    changed_at: datetime | None = None
    last_change: str | None = None

    def apply(self, fact: AgencyChanged) -> None:
        """Keeps the change that stands (idempotent, and the same in any order)."""
        if self.changed_at is not None:
            current = AgencyChanged(
                self.changed_at, self.code, self.name_zh or "", self.kind or "", self.last_change or "added",
                self.liaison_count,
            )
            if fact.key() <= current.key():
                return
        self.changed_at, self.last_change, self.name_zh, self.kind = fact.at, fact.change, fact.name_zh, fact.kind
        self.liaison_count, self.removed = fact.liaison_count, fact.change == "removed"
