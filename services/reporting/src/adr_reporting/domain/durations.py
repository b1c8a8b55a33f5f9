"""The indicators that are average durations in days: intake, mediation and the first-instance trial."""

from collections.abc import Iterable
from datetime import date

from adr_reporting.domain.indicator_catalogue import DEFINITIONS, NAMES
from adr_reporting.domain.indicator_model import Indicator, Journal, average_of, court_decisions, mediation_outcomes
from adr_reporting.domain.journal import Entry, Kind


def _days_between(start: str | date | None, end: date) -> int | None:
    if start is None:
        return None
    begin = date.fromisoformat(start) if isinstance(start, str) else start
    return (end - begin).days


def days_intake(j: Journal) -> Indicator:
    days = []
    for entry in j.latest_by(j.of(Kind.ROUTED), lambda e: e.case_id).values():
        if j.scope.in_period(entry.on):
            span = _days_between(entry.get("first_received_on"), entry.on)
            if span is not None:
                days.append(span)
    return average_of("days_intake", NAMES["days_intake"], days, DEFINITIONS["days_intake"])


def days_mediation(j: Journal) -> Indicator:
    return _from_first(j, "days_mediation", Kind.MEDIATION_OPENED, mediation_outcomes(j).values())


def days_trial(j: Journal) -> Indicator:
    return _from_first(j, "days_trial", Kind.CASE_FILED, court_decisions(j).values())


def _from_first(j: Journal, code: str, start: Kind, ends: Iterable[Entry]) -> Indicator:
    """The average days from each dispute's first ``start`` fact to its end fact, for ends in the period."""
    first = {e.case_id: e.on for e in sorted(j.of(start), key=lambda e: e.on, reverse=True)}
    days = [(e.on - first[e.case_id]).days for e in ends if j.scope.in_period(e.on) and e.case_id in first]
    return average_of(code, NAMES[code], days, DEFINITIONS[code])
