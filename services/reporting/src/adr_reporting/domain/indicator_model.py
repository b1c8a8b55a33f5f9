"""An indicator, the scope it is computed for, and the journal as the calculators read it; plain counts over
the journal (agencies named, disputes per stage, facts per month) for the dashboards.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from adr_reporting.domain.indicator_catalogue import DEFINITIONS, NAMES, UNAVAILABLE, Definition
from adr_reporting.domain.journal import Entry, Kind, as_of


@dataclass(frozen=True)
class Scope:
    """Which facts an indicator counts: known on ``as_of``, dated in [start, end], about ``agency``."""

    as_of: date | None = None
    start: date | None = None
    end: date | None = None
    agency: str | None = None

    def in_period(self, day: date | None) -> bool:
        """Whether a fact's own date falls in the period (and not after ``as_of``)."""
        if day is None:
            return False
        if self.as_of is not None and day > self.as_of:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def concerns(self, agencies: Iterable[str]) -> bool:
        """Whether a fact about these agencies is counted."""
        return self.agency is None or self.agency in set(agencies)


@dataclass(frozen=True)
class Indicator:
    """One number with its raw counts and definition; ``value`` is None when nothing can be counted."""

    code: str
    name: str
    unit: str
    numerator: float
    denominator: float | None
    value: float | None
    definition: Definition
    available: bool = True
    unavailable_reason: str | None = None
    breakdown: dict[str, float] = field(default_factory=dict)


def ratio(numerator: float, denominator: float | None) -> float | None:
    """The rate rounded to four decimals; None while the denominator is zero."""
    if not denominator:
        return None
    return round(numerator / denominator, 4)


def rate_of(code: str, name: str, numerator: float, denominator: float, definition: Definition,
          breakdown: Mapping[str, float] | None = None) -> Indicator:
    return Indicator(code=code, name=name, unit="率", numerator=numerator, denominator=denominator,
                     value=ratio(numerator, denominator), definition=definition, breakdown=dict(breakdown or {}))


def average_of(code: str, name: str, days: list[int], definition: Definition) -> Indicator:
    mean = round(sum(days) / len(days), 2) if days else None
    return Indicator(code=code, name=name, unit="天", numerator=sum(days), denominator=len(days), value=mean,
                     definition=definition)


class Journal:
    """The facts known on a day, indexed by dispute, with each dispute's agencies."""

    def __init__(self, entries: list[Entry], scope: Scope) -> None:
        self.scope = scope
        self.entries = as_of(entries, scope.as_of)
        self.by_case: dict[UUID, list[Entry]] = {}
        for entry in self.entries:
            if entry.case_id is not None:
                self.by_case.setdefault(entry.case_id, []).append(entry)
        self.case_agencies: dict[UUID, tuple[str, ...]] = {}
        for case_id, facts in self.by_case.items():
            registered = [f for f in facts if f.kind is Kind.REGISTERED]
            source = registered or [f for f in facts if f.agency_codes]
            self.case_agencies[case_id] = source[0].agency_codes if source else ()

    def of(self, *kinds: Kind) -> list[Entry]:
        """Facts of these kinds, about the scope's agency (through the dispute when the fact names none)."""
        return [e for e in self.entries if e.kind in kinds and self.scope.concerns(self.agencies_of(e))]

    def agencies_of(self, entry: Entry) -> tuple[str, ...]:
        """The agencies a fact concerns: its own, else its dispute's."""
        if entry.agency_codes:
            return entry.agency_codes
        return self.case_agencies.get(entry.case_id, ()) if entry.case_id else ()

    def latest_by(self, entries: list[Entry], key: Callable[[Entry], object]) -> dict[object, Entry]:
        """The latest fact per key (date order, then event id, so the choice never depends on arrival)."""
        latest: dict[object, Entry] = {}
        for entry in entries:
            latest[key(entry)] = entry
        return latest


def unavailable(code: str) -> Indicator:
    return Indicator(code=code, name=NAMES[code], unit="率", numerator=0, denominator=None, value=None,
                     definition=DEFINITIONS[code], available=False, unavailable_reason=UNAVAILABLE[code])


def mediation_outcomes(j: Journal) -> dict[object, Entry]:
    """Each dispute's latest mediation outcome (on the same day, an agreement stands)."""
    outcomes = sorted(j.of(Kind.AGREEMENT_REACHED, Kind.MEDIATION_FAILED),
                      key=lambda e: (e.on, e.kind is Kind.AGREEMENT_REACHED, str(e.event_id)))
    return j.latest_by(outcomes, lambda e: e.case_id)


def court_decisions(j: Journal) -> dict[object, Entry]:
    """Each court decision's latest fact, by decision id."""
    return j.latest_by(j.of(Kind.DECISION_ISSUED), lambda e: e.get("decision_id"))


def agencies_in(entries: list[Entry], day: date | None = None) -> list[str]:
    """Every agency the facts known on ``day`` name, sorted."""
    return sorted({code for e in as_of(entries, day) for code in e.agency_codes})


def cases_by_stage(entries: list[Entry], day: date | None = None) -> dict[str, int]:
    """Where each registered dispute stands on ``day`` (its furthest stage reached)."""
    stages: dict[UUID, str] = {}
    order = {
        Kind.REGISTERED: (0, "registered"), Kind.ROUTED: (1, "routed"), Kind.MEDIATION_OPENED: (2, "mediation"),
        Kind.CASE_FILED: (3, "litigation"), Kind.AGREEMENT_REACHED: (4, "resolved"),
        Kind.MEDIATION_CLOSED: (4, "resolved"), Kind.DECISION_ISSUED: (4, "decided"),
        Kind.WITHDRAWN: (4, "withdrawn"),
    }
    rank: dict[UUID, int] = {}
    for entry in as_of(entries, day):
        if entry.case_id is None or entry.kind not in order:
            continue
        level, name = order[entry.kind]
        if entry.kind is Kind.ROUTED and entry.get("route") == "not_accepted":
            level, name = 4, "not_accepted"
        if level >= rank.get(entry.case_id, -1):
            rank[entry.case_id], stages[entry.case_id] = level, name
    return dict(Counter(stages.values()))


def monthly_counts(entries: list[Entry], kind: Kind, months: list[str], agency: str | None = None) -> list[int]:
    """How many facts of a kind fall in each month ``YYYY-MM`` (one per dispute or event)."""
    counts: Counter[str] = Counter()
    for entry in entries:
        if entry.kind is kind and (agency is None or agency in entry.agency_codes):
            counts[entry.on.strftime("%Y-%m")] += 1
    return [counts.get(month, 0) for month in months]
