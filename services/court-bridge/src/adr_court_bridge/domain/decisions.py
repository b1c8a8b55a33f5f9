"""Judgments and rulings with their appeal window (M7, RULES.md §6; ALL art.85).

The window runs from service: 15 days for a judgment, 10 for a ruling. An appeal lodged within it
is recorded; once it closes without one, the decision is final. Either settles the decision once.
"""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from adr_court_bridge.domain.errors import DecisionRefused

OPEN, APPEALED, FINAL = "open", "appealed", "final"


@dataclass
class Decision:
    id: UUID
    kind: str
    issued_on: date
    served_on: date
    appeal_deadline: date
    status: str = OPEN
    appealed_on: date | None = None
    appellant_is_agency: bool | None = None
    settled_on: date | None = None

    def __post_init__(self) -> None:
        if self.served_on < self.issued_on:
            raise DecisionRefused("送达日期不能早于裁判日期")

    def appeal(self, *, appealed_on: date, appellant_is_agency: bool) -> None:
        """Records an appeal lodged within the window."""
        if self.status != OPEN:
            raise DecisionRefused("该裁判的上诉情况已确定，不能再登记上诉")
        if appealed_on < self.served_on:
            raise DecisionRefused("上诉日期不能早于送达日期")
        if appealed_on > self.appeal_deadline:
            raise DecisionRefused(f"上诉期已于{self.appeal_deadline.isoformat()}届满，不能登记为上诉")
        self.status, self.appealed_on, self.appellant_is_agency = APPEALED, appealed_on, appellant_is_agency
        self.settled_on = appealed_on

    def close_window(self, today: date) -> bool:
        """Makes the decision final once the window has closed without an appeal; True the first time only."""
        if self.status != OPEN or today <= self.appeal_deadline:
            return False
        self.status, self.settled_on = FINAL, today
        return True
