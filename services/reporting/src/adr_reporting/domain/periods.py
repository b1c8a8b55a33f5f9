"""Reporting periods: a month ``2026-11``, a quarter ``2026-Q4`` or a year ``2026``."""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from adr_reporting.domain.errors import ReportingError

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    """A named period and its first and last days."""

    name: str
    start: date
    end: date
    kind: str  # month, quarter, year

    @property
    def label(self) -> str:
        """The period as written in a notice: 2026年11月, 2026年第四季度, 2026年."""
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == "quarter":
            return f"{self.start.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{self.start.year}年"

    def months(self) -> list[str]:
        """The months ``YYYY-MM`` the period covers."""
        return [f"{self.start.year}-{m:02d}" for m in range(self.start.month, self.end.month + 1)]


def parse_period(text: str) -> Period:
    """The period a name stands for; a ReportingError for anything else."""
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        return Period(text, date(year, month, 1), date(year, month, monthrange(year, month)[1]), "month")
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        first, last = 3 * quarter - 2, 3 * quarter
        return Period(text, date(year, first, 1), date(year, last, monthrange(year, last)[1]), "quarter")
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(text, date(year, 1, 1), date(year, 12, 31), "year")
    raise ReportingError(f"统计期间“{text[:20]}”无法识别，应为 2026-11（月）、2026-Q4（季度）或 2026（年）")


def last_complete(today: date) -> tuple[Period, Period]:
    """The last complete month and the last complete quarter before ``today``."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    current_quarter = (today.month - 1) // 3 + 1
    q_year, quarter = (today.year, current_quarter - 1) if current_quarter > 1 else (today.year - 1, 4)
    return parse_period(f"{year}-{month:02d}"), parse_period(f"{q_year}-Q{quarter}")


def recent_months(end: date, count: int) -> list[str]:
    """The ``count`` months ending with the month of ``end``, oldest first."""
    months = []
    year, month = end.year, end.month
    for _ in range(count):
        months.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]
