"""The contested act's facts recorded at registration (RULES.md §1.0): dates, reconsideration, claim types.

Non-personal data: stored in plain columns; the eight-check worksheet is prefilled from them.
"""

from dataclasses import dataclass
from datetime import date

from adr_intake.domain.filing.facts import DecisionType


@dataclass(frozen=True)
class ReconsiderationRecord:
    """The reconsideration (行政复议) on the act as the applicant reports it at registration."""

    applied: bool = False
    organ: str | None = None  # 复议机关
    decision_type: DecisionType | None = None
    decision_served_on: date | None = None  # 复议决定送达日
