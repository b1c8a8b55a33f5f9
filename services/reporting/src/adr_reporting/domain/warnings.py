"""Early warnings (M11) and the class patterns behind a comprehensive judicial suggestion (K3).

Three sources:
- an overdue deadline anywhere (an agreement's obligation, a judicial or procuratorial suggestion's reply);
- a high risk assessment (petition or stability risk, RULES.md §7);
- repeated disputes against one agency, or about one act type, within a window (类案 → 治理).

A warning is named by a key; the same key is not raised again while its window lasts (an overdue
deadline or a high risk is raised once for good).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from adr_reporting.domain.journal import Entry, Kind

DEADLINE_OVERDUE = "deadline_overdue"
HIGH_RISK = "high_risk"
REPEATED_AGENCY = "repeated_agency"
REPEATED_ACT_TYPE = "repeated_act_type"

_OVERDUE = {
    Kind.OBLIGATION_OVERDUE: ("obligation_id", "协议义务逾期未履行"),
    Kind.JUDICIAL_SUGGESTION_OVERDUE: ("suggestion_id", "司法建议逾期未回复"),
    Kind.PROCURATORIAL_SUGGESTION_OVERDUE: ("suggestion_id", "检察建议逾期未回复"),
}


@dataclass(frozen=True)
class WarningRules:
    """The window and thresholds of the repeated-dispute patterns (settings)."""

    window_days: int = 90
    agency_threshold: int = 5
    act_type_threshold: int = 5


@dataclass(frozen=True)
class Candidate:
    """A warning the facts justify, before checking whether it was already raised."""

    key: str
    kind: str
    raised_on: date
    detail: str
    case_ids: tuple[UUID, ...] = ()
    count: int = 1
    agency_code: str | None = None
    act_type: str | None = None
    window_days: int | None = None


def from_fact(entry: Entry, counts: Mapping[str, int], rules: WarningRules) -> list[Candidate]:
    """The warnings one new fact justifies.

    Args:
        entry: the fact, already counted in its window.
        counts: for a registration, how many registrations each of its ``window_keys`` has in the
            window that ends on its date (itself included). The cases are listed only when a
            candidate is raised (``Candidate.case_ids`` is empty here for a pattern).
        rules: the window and thresholds.
    """
    if entry.kind in _OVERDUE:
        field, label = _OVERDUE[entry.kind]
        cases = (entry.case_id,) if entry.case_id else ()
        agency = entry.agency_codes[0] if entry.agency_codes else None
        return [
            Candidate(
                key=f"{DEADLINE_OVERDUE}:{entry.kind.value}:{entry.get(field)}",
                kind=DEADLINE_OVERDUE,
                raised_on=entry.on,
                detail=f"{label}（期限 {entry.get('due_on') or entry.get('reply_due_on')}）",
                case_ids=cases,
                agency_code=agency,
            )
        ]
    if entry.kind is Kind.RISK_ASSESSED and entry.get("level") == "high" and entry.case_id:
        risk = "信访风险" if entry.get("kind") == "petition" else "社会稳定风险"
        return [
            Candidate(
                key=f"{HIGH_RISK}:{entry.case_id}:{entry.get('kind')}",
                kind=HIGH_RISK,
                raised_on=entry.on,
                detail=f"评估为高{risk}",
                case_ids=(entry.case_id,),
            )
        ]
    if entry.kind is Kind.REGISTERED:
        return _repeated(entry, counts, rules)
    return []


def window_keys(entry: Entry) -> tuple[str, ...]:
    """The pattern keys a registration counts towards: each of its agencies, and its act type."""
    if entry.kind is not Kind.REGISTERED or entry.case_id is None:
        return ()
    keys = [f"{REPEATED_AGENCY}:{agency}" for agency in dict.fromkeys(entry.agency_codes)]
    if entry.get("act_type"):
        keys.append(f"{REPEATED_ACT_TYPE}:{entry.get('act_type')}")
    return tuple(keys)


def window_start(day: date, rules: WarningRules) -> date:
    """The first day of the window that ends on ``day``."""
    return day - timedelta(days=rules.window_days - 1)


def _repeated(entry: Entry, counts: Mapping[str, int], rules: WarningRules) -> list[Candidate]:
    found = []
    for key in window_keys(entry):
        kind, _, value = key.partition(":")
        count = counts.get(key, 0)
        agency = kind == REPEATED_AGENCY
        if count < (rules.agency_threshold if agency else rules.act_type_threshold):
            continue
        what = "针对同一机关的争议" if agency else f"同类行为（{value}）引发的争议"
        found.append(
            Candidate(
                key=key,
                kind=kind,
                raised_on=entry.on,
                detail=f"{rules.window_days}日内{what}达 {count} 件",
                count=count,
                agency_code=value if agency else None,
                act_type=None if agency else value,
                window_days=rules.window_days,
            )
        )
    return found


class WindowCounts:
    """Registrations per pattern key and day, kept in memory (a rebuild counts its window here).

    Memory is one integer per key and day, whatever the number of registrations. The last count of
    each key is remembered and kept up to date, so that registrations of the same day (the usual
    case in stream order) are counted without summing the window again.
    """

    def __init__(self) -> None:
        self._days: dict[str, dict[date, int]] = {}
        self._last: dict[str, tuple[date, date, int]] = {}  # key: (start, end, count) of its last count

    def add(self, key: str, day: date) -> None:
        """Counts one registration of the key on the day."""
        days = self._days.setdefault(key, {})
        days[day] = days.get(day, 0) + 1
        last = self._last.get(key)
        if last is not None and last[0] <= day <= last[1]:
            self._last[key] = (last[0], last[1], last[2] + 1)

    def count(self, key: str, start: date, end: date) -> int:
        """The registrations of the key dated in [start, end]."""
        days = self._days.get(key, {})
        last = self._last.get(key)
        if last is not None and last[0] <= start <= last[1] and end - start == last[1] - last[0]:
            # the window slid forward: drop the days it left, add the days it reached
            total = last[2] - _sum(days, last[0], start) + _sum(days, last[1] + _DAY, end + _DAY)
        else:
            total = _sum(days, start, end + _DAY)
        self._last[key] = (start, end, total)
        return total


_DAY = timedelta(days=1)


def _sum(days: dict[date, int], start: date, stop: date) -> int:
    """The registrations dated in [start, stop)."""
    span = (stop - start).days
    if span <= 0:
        return 0
    if span > len(days):
        return sum(n for day, n in days.items() if start <= day < stop)
    return sum(days.get(start + timedelta(days=i), 0) for i in range(span))


def is_new(candidate: Candidate, last_raised_on: date | None) -> bool:
    """Whether to raise: never raised, or (for a pattern) its last warning's window has passed."""
    if last_raised_on is None:
        return True
    if candidate.window_days is None:
        return False
    return (candidate.raised_on - last_raised_on).days >= candidate.window_days
