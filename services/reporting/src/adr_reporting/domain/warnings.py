"""Early warnings (M11) and the class patterns behind a comprehensive judicial suggestion (K3).

Three sources:
- an overdue deadline anywhere (an agreement's obligation, a judicial or procuratorial suggestion's reply);
- a high risk assessment (petition or stability risk, RULES.md §7);
- repeated disputes against one agency, or about one act type, within a window (类案 → 治理).

A warning is named by a key; the same key is not raised again while its window lasts (an overdue
deadline or a high risk is raised once for good).
"""

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


def from_fact(entry: Entry, recent: list[Entry], rules: WarningRules) -> list[Candidate]:
    """The warnings one new fact justifies; ``recent`` are the registrations of the window ending on its date."""
    if entry.kind in _OVERDUE:
        field, label = _OVERDUE[entry.kind]
        cases = (entry.case_id,) if entry.case_id else ()
        agency = entry.agency_codes[0] if entry.agency_codes else None
        return [Candidate(key=f"{DEADLINE_OVERDUE}:{entry.kind.value}:{entry.get(field)}", kind=DEADLINE_OVERDUE,
                          raised_on=entry.on,
                          detail=f"{label}（期限 {entry.get('due_on') or entry.get('reply_due_on')}）",
                          case_ids=cases, agency_code=agency)]
    if entry.kind is Kind.RISK_ASSESSED and entry.get("level") == "high" and entry.case_id:
        risk = "信访风险" if entry.get("kind") == "petition" else "社会稳定风险"
        return [Candidate(key=f"{HIGH_RISK}:{entry.case_id}:{entry.get('kind')}", kind=HIGH_RISK,
                          raised_on=entry.on, detail=f"评估为高{risk}", case_ids=(entry.case_id,))]
    if entry.kind is Kind.REGISTERED:
        return _repeated(entry, recent, rules)
    return []


def window_start(day: date, rules: WarningRules) -> date:
    """The first day of the window that ends on ``day``."""
    return day - timedelta(days=rules.window_days - 1)


def _repeated(entry: Entry, recent: list[Entry], rules: WarningRules) -> list[Candidate]:
    start = window_start(entry.on, rules)
    window = {e.case_id: e for e in [*recent, entry] if e.case_id and start <= e.on <= entry.on}
    found = []
    for agency in entry.agency_codes:
        cases = sorted((c for c, e in window.items() if agency in e.agency_codes), key=str)
        if len(cases) >= rules.agency_threshold:
            found.append(Candidate(
                key=f"{REPEATED_AGENCY}:{agency}", kind=REPEATED_AGENCY, raised_on=entry.on,
                detail=f"{rules.window_days}日内针对同一机关的争议达 {len(cases)} 件", case_ids=tuple(cases),
                count=len(cases), agency_code=agency, window_days=rules.window_days,
            ))
    act_type = entry.get("act_type")
    cases = sorted((c for c, e in window.items() if e.get("act_type") == act_type), key=str)
    if act_type and len(cases) >= rules.act_type_threshold:
        found.append(Candidate(
            key=f"{REPEATED_ACT_TYPE}:{act_type}", kind=REPEATED_ACT_TYPE, raised_on=entry.on,
            detail=f"{rules.window_days}日内同类行为（{act_type}）引发的争议达 {len(cases)} 件", case_ids=tuple(cases),
            count=len(cases), act_type=act_type, window_days=rules.window_days,
        ))
    return found


def is_new(candidate: Candidate, last_raised_on: date | None) -> bool:
    """Whether to raise: never raised, or (for a pattern) its last warning's window has passed."""
    if last_raised_on is None:
        return True
    if candidate.window_days is None:
        return False
    return (candidate.raised_on - last_raised_on).days >= candidate.window_days
