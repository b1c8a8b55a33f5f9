"""The indicators of RULES.md §9 and issue #8, each with its definition, computed from the journal.

Every indicator is a numerator over a denominator (or a count, or an average in days), computed
for a scope: facts known on ``as_of``, whose own date falls in the period, about one agency or
all. The raw counts are always returned beside the rate, with what they count and the legal
basis (RULES.md §9: "store the raw counts, state what is counted").

The scope, the indicator and the journal view are in ``indicator_model``; what each indicator counts
is in ``indicator_catalogue``; both are re-exported here for the service's other modules.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

from adr_reporting.domain.durations import days_intake, days_mediation, days_trial
from adr_reporting.domain.indicator_catalogue import DEFINITIONS, NAMES, SUBJECTS, Definition
from adr_reporting.domain.indicator_model import (
    Indicator,
    Journal,
    Scope,
    agencies_in,
    cases_by_stage,
    court_decisions,
    mediation_outcomes,
    monthly_counts,
    rate_of,
    ratio,
    unavailable,
)
from adr_reporting.domain.journal import Entry, Kind

__all__ = [
    "CALCULATORS",
    "DEFINITIONS",
    "NAMES",
    "SUBJECTS",
    "Definition",
    "Indicator",
    "Journal",
    "Scope",
    "agencies_in",
    "cases_by_stage",
    "compute",
    "monthly_counts",
    "ratio",
]

# court outcomes the agency loses (ALL arts.70-78): RULES.md §9, litigation loss rate
LOST_OUTCOMES = frozenset({"revoked", "confirmed_illegal", "ordered_to_act", "varied"})
# court outcomes that end the dispute by agreement or withdrawal
SETTLED_OUTCOMES = frozenset({"mediated", "withdrawn"})


def disputes_registered(j: Journal) -> Indicator:
    registered = [e for e in j.of(Kind.REGISTERED) if j.scope.in_period(e.on)]
    latest = j.latest_by(registered, lambda e: e.case_id)
    breakdown: Counter[str] = Counter()
    for entry in latest.values():
        breakdown[f"channel:{entry.get('channel')}"] += 1
        breakdown[f"act_type:{entry.get('act_type')}"] += 1
        for code in entry.agency_codes:
            breakdown[f"agency:{code}"] += 1
    return Indicator(code="disputes_registered", name=NAMES["disputes_registered"], unit="件",
                     numerator=len(latest), denominator=None, value=len(latest),
                     definition=DEFINITIONS["disputes_registered"], breakdown=dict(sorted(breakdown.items())))


def mediation_success_rate(j: Journal) -> Indicator:
    ended = [e for e in mediation_outcomes(j).values() if j.scope.in_period(e.on)]
    agreed = sum(1 for e in ended if e.kind is Kind.AGREEMENT_REACHED)
    return rate_of("mediation_success_rate", NAMES["mediation_success_rate"], agreed, len(ended),
                 DEFINITIONS["mediation_success_rate"], {"agreed": agreed, "failed": len(ended) - agreed})


def withdrawal_after_mediation_rate(j: Journal) -> Indicator:
    ends = sorted(j.of(Kind.MEDIATION_CLOSED, Kind.MEDIATION_FAILED), key=lambda e: (e.on, str(e.event_id)))
    ended = [e for e in j.latest_by(ends, lambda e: e.case_id).values() if j.scope.in_period(e.on)]
    withdrawn = sum(1 for e in ended if e.kind is Kind.MEDIATION_CLOSED and e.get("outcome") == "withdrawn")
    return rate_of("withdrawal_after_mediation_rate", NAMES["withdrawal_after_mediation_rate"], withdrawn, len(ended),
                 DEFINITIONS["withdrawal_after_mediation_rate"])


def _resolving(entry: Entry) -> bool | None:
    """True for an end that resolves the dispute, False for one that does not, None for no end."""
    match entry.kind:
        case Kind.AGREEMENT_REACHED | Kind.MEDIATION_CLOSED:
            return True
        case Kind.MEDIATION_FAILED:
            return False
        case Kind.ROUTED:
            return False if entry.get("route") == "not_accepted" else None
        case Kind.DECISION_ISSUED:
            return entry.get("outcome") in SETTLED_OUTCOMES
    return None


def substantive_resolution_rate(j: Journal) -> Indicator:
    resolved = concluded = 0
    for case_id, facts in j.by_case.items():
        if not j.scope.concerns(j.case_agencies.get(case_id, ())):
            continue
        ends = [(f.on, _resolving(f)) for f in facts if _resolving(f) is not None]
        if not ends or not j.scope.in_period(max(day for day, _ in ends)):
            continue
        concluded += 1
        resolved += any(flag for _, flag in ends)
    return rate_of("substantive_resolution_rate", NAMES["substantive_resolution_rate"], resolved, concluded,
                 DEFINITIONS["substantive_resolution_rate"])


def head_appearance_rate(j: Journal) -> Indicator:
    hearings = [e for e in j.of(Kind.HEARING_HELD) if j.scope.in_period(e.on)]
    held = list(j.latest_by(hearings, lambda e: e.get("hearing_id")).values())
    appeared = sum(1 for e in held if e.get("head_appeared"))
    required = [e for e in held if e.get("head_required")]
    breakdown = {
        "hearings": len(held),
        "head_appeared": appeared,
        "head_required": len(required),
        "head_appeared_when_required": sum(1 for e in required if e.get("head_appeared")),
        "spoke_to_substance": sum(1 for e in held if e.get("head_appeared") and e.get("spoke_to_substance")),
    }
    return rate_of("head_appearance_rate", NAMES["head_appearance_rate"], appeared, len(held),
                 DEFINITIONS["head_appearance_rate"], breakdown)


def litigation_loss_rate(j: Journal) -> Indicator:
    decided = [e for e in court_decisions(j).values() if j.scope.in_period(e.on)]
    lost = sum(1 for e in decided if e.get("outcome") in LOST_OUTCOMES)
    return rate_of("litigation_loss_rate", NAMES["litigation_loss_rate"], lost, len(decided),
                 DEFINITIONS["litigation_loss_rate"])


def appeal_rate(j: Journal) -> Indicator:
    decisions = {str(e.get("decision_id")): e for e in j.entries if e.kind is Kind.DECISION_ISSUED}
    settled = []
    for entry in j.entries:
        if entry.kind is not Kind.APPEAL_SETTLED or not j.scope.in_period(entry.on):
            continue
        decision = decisions.get(str(entry.get("decision_id")))
        agencies = decision.agency_codes if decision else j.agencies_of(entry)
        if j.scope.concerns(agencies):
            settled.append(entry)
    latest = list(j.latest_by(settled, lambda e: e.get("decision_id")).values())
    appealed = [e for e in latest if e.get("appealed")]
    by_agency = sum(1 for e in appealed if e.get("appellant_is_agency"))
    return rate_of("appeal_rate", NAMES["appeal_rate"], len(appealed), len(latest), DEFINITIONS["appeal_rate"],
                 {"appealed_by_agency": by_agency, "appealed_by_citizen": len(appealed) - by_agency})


def agreement_performance_rate(j: Journal) -> Indicator:
    obligations: dict[object, list[Entry]] = {}
    for entry in j.of(Kind.OBLIGATION_FULFILLED, Kind.OBLIGATION_OVERDUE):
        obligations.setdefault(entry.get("obligation_id"), []).append(entry)
    on_time = late = unperformed = 0
    for facts in obligations.values():
        due = date.fromisoformat(facts[0].get("due_on"))
        if not j.scope.in_period(due):
            continue
        fulfilled = [f for f in facts if f.kind is Kind.OBLIGATION_FULFILLED]
        if fulfilled and not fulfilled[0].get("late"):
            on_time += 1
        elif fulfilled:
            late += 1
        else:
            unperformed += 1
    due_count = on_time + late + unperformed
    return rate_of("agreement_performance_rate", NAMES["agreement_performance_rate"], on_time, due_count,
                 DEFINITIONS["agreement_performance_rate"],
                 {"on_time": on_time, "late": late, "overdue_unperformed": unperformed})


def _suggestion_reply_rate(j: Journal, code: str, issued: Kind, replied: Kind) -> Indicator:
    today = j.scope.as_of or max((e.on for e in j.entries), default=date.min)
    replies = {str(e.get("suggestion_id")): e for e in j.entries if e.kind is replied}
    on_time = late = unanswered = 0
    delays: list[int] = []
    for entry in j.latest_by(j.of(issued), lambda e: e.get("suggestion_id")).values():
        due = date.fromisoformat(entry.get("reply_due_on"))
        reply = replies.get(str(entry.get("suggestion_id")))
        if not j.scope.in_period(due if reply is None else min(due, reply.on)):
            continue
        if reply is not None:
            delay = int(reply.get("days_late") or 0)
            delays.append(delay)
            on_time, late = on_time + (delay == 0), late + (delay > 0)
        elif due < today:
            unanswered += 1
    due_count = on_time + late + unanswered
    breakdown = {"issued_due": due_count, "replied_on_time": on_time, "replied_late": late,
                 "overdue_unanswered": unanswered,
                 "average_days_late": round(sum(delays) / len(delays), 2) if delays else 0.0}
    return rate_of(code, NAMES[code], on_time, due_count, DEFINITIONS[code], breakdown)


def judicial_confirmation_rate(j: Journal) -> Indicator:
    rulings = [e for e in j.latest_by(j.of(Kind.CONFIRMATION_RULED), lambda e: e.get("agreement_id")).values()
               if j.scope.in_period(e.on)]
    confirmed = sum(1 for e in rulings if e.get("outcome") == "confirmed")
    requested = sum(1 for e in j.of(Kind.CONFIRMATION_REQUESTED) if j.scope.in_period(e.on))
    return rate_of("judicial_confirmation_rate", NAMES["judicial_confirmation_rate"], confirmed, len(rulings),
                 DEFINITIONS["judicial_confirmation_rate"],
                 {"requested": requested, "rejected": len(rulings) - confirmed})


def follow_up_settled_rate(j: Journal) -> Indicator:
    visits = [e for e in j.latest_by(j.of(Kind.FOLLOW_UP), lambda e: e.case_id).values() if j.scope.in_period(e.on)]
    settled = sum(1 for e in visits if e.get("outcome") == "settled")
    reopened = sum(1 for e in visits if e.get("reopened"))
    return rate_of("follow_up_settled_rate", NAMES["follow_up_settled_rate"], settled, len(visits),
                 DEFINITIONS["follow_up_settled_rate"], {"reopened": reopened})


def plan_on_time_rate(j: Journal) -> Indicator:
    ordered = sorted(j.of(Kind.PLAN_SUBMITTED), key=lambda e: (int(e.get("version") or 1), e.on))
    plans = [e for e in j.latest_by(ordered, lambda e: e.get("plan_id")).values() if j.scope.in_period(e.on)]
    on_time = sum(1 for e in plans if e.get("on_time"))
    return rate_of("plan_on_time_rate", NAMES["plan_on_time_rate"], on_time, len(plans),
                 DEFINITIONS["plan_on_time_rate"])


def procuratorial_hearings(j: Journal) -> Indicator:
    held = [e for e in j.latest_by(j.of(Kind.PROCURATORIAL_HEARING_HELD), lambda e: e.get("hearing_id")).values()
            if j.scope.in_period(e.on)]
    by_outcome = Counter(f"outcome:{e.get('outcome_code')}" for e in held)
    return Indicator(code="procuratorial_hearings", name=NAMES["procuratorial_hearings"], unit="次",
                     numerator=len(held), denominator=None, value=len(held),
                     definition=DEFINITIONS["procuratorial_hearings"], breakdown=dict(sorted(by_outcome.items())))


def judicial_assistance_rate(j: Journal) -> Indicator:
    decided = [e for e in j.latest_by(j.of(Kind.ASSISTANCE_DECIDED), lambda e: e.get("application_id")).values()
               if j.scope.in_period(e.on)]
    granted = [e for e in decided if e.get("granted")]
    amount = sum(int(e.get("amount_fen") or 0) for e in granted)
    return rate_of("judicial_assistance_rate", NAMES["judicial_assistance_rate"], len(granted), len(decided),
                 DEFINITIONS["judicial_assistance_rate"], {"amount_fen": amount})


def high_risk_rate(j: Journal) -> Indicator:
    ordered = sorted(j.of(Kind.RISK_ASSESSED), key=lambda e: (e.on, str(e.event_id)))
    latest = [e for e in j.latest_by(ordered, lambda e: (e.case_id, e.get("kind"))).values()
              if j.scope.in_period(e.on)]
    levels: dict[object, set[str]] = {}
    for entry in latest:
        levels.setdefault(entry.case_id, set()).add(str(entry.get("level")))
    high = sum(1 for found in levels.values() if "high" in found)
    breakdown = Counter(f"level:{e.get('level')}" for e in latest)
    return rate_of("high_risk_rate", NAMES["high_risk_rate"], high, len(levels), DEFINITIONS["high_risk_rate"],
                 dict(sorted(breakdown.items())))


CALCULATORS: dict[str, Callable[[Journal], Indicator]] = {
    "disputes_registered": disputes_registered,
    "substantive_resolution_rate": substantive_resolution_rate,
    "mediation_success_rate": mediation_success_rate,
    "withdrawal_after_mediation_rate": withdrawal_after_mediation_rate,
    "head_appearance_rate": head_appearance_rate,
    "litigation_loss_rate": litigation_loss_rate,
    "appeal_rate": appeal_rate,
    "petition_rate": lambda _j: unavailable("petition_rate"),
    "agreement_performance_rate": agreement_performance_rate,
    "judicial_suggestion_reply_rate": lambda j: _suggestion_reply_rate(
        j, "judicial_suggestion_reply_rate", Kind.JUDICIAL_SUGGESTION_ISSUED, Kind.JUDICIAL_SUGGESTION_REPLIED
    ),
    "procuratorial_suggestion_reply_rate": lambda j: _suggestion_reply_rate(
        j, "procuratorial_suggestion_reply_rate", Kind.PROCURATORIAL_SUGGESTION_ISSUED,
        Kind.PROCURATORIAL_SUGGESTION_REPLIED,
    ),
    "days_intake": days_intake,
    "days_mediation": days_mediation,
    "days_trial": days_trial,
    "judicial_confirmation_rate": judicial_confirmation_rate,
    "follow_up_settled_rate": follow_up_settled_rate,
    "plan_on_time_rate": plan_on_time_rate,
    "procuratorial_hearings": procuratorial_hearings,
    "judicial_assistance_rate": judicial_assistance_rate,
    "high_risk_rate": high_risk_rate,
    "reconsideration_correction_rate": lambda _j: unavailable("reconsideration_correction_rate"),
}


def compute(entries: list[Entry], scope: Scope, codes: Iterable[str] | None = None) -> list[Indicator]:
    """The indicators named (all of them when none is named) for the scope."""
    journal = Journal(entries, scope)
    return [CALCULATORS[code](journal) for code in (codes or CALCULATORS)]
