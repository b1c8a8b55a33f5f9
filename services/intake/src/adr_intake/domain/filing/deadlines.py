"""The filing deadline (起诉期限, RULES.md §1.5): A direct suit, B after reconsideration, C failure to act,
D the absolute outer limits. Periods are counted by adr_runtime.legal_time (RULES.md §0.3).
"""

from datetime import date, timedelta

from adr_intake.domain.filing.facts import Act, Complaint
from adr_intake.domain.filing.outcome import FilingRules
from adr_intake.domain.filing.reconsideration import reconsideration_expiry
from adr_runtime.legal_time import PeriodEnd, add_years, days, earliest, fixed, months

REAL_PROPERTY_YEARS, OTHER_YEARS = 20, 5  # ALL art.46(2)


def filing_deadline(c: Complaint, rules: FilingRules) -> PeriodEnd | None:
    """The last day to sue, or None when the dates it needs are missing."""
    if c.reconsidered:
        deadline = _after_reconsideration(c, rules)
    elif c.act.is_failure_to_act:
        deadline = _failure_to_act(c.act, rules)
    else:
        deadline = _direct_suit(c.act, rules)
    if deadline is None:
        return None
    return earliest(deadline, outer_limit(c.act))


def outer_limit(act: Act) -> PeriodEnd | None:
    """5 years from the act (20 for real property): no suit after it, whatever anyone knew (ALL art.46(2))."""
    if act.made_date is None:
        return None
    years = REAL_PROPERTY_YEARS if act.concerns_real_property else OTHER_YEARS
    return fixed(add_years(act.made_date, years))


def known_date(act: Act) -> date | None:
    """The day the act was, or should have been, known: as recorded, else served, else made."""
    return act.known_date or act.served_date or act.made_date


def _direct_suit(act: Act, rules: FilingRules) -> PeriodEnd | None:
    """A: six months from knowing the act, or from knowing its content if later (ALL art.46(1); ALL-Interp art.65)."""
    known = known_date(act)
    content = max((d for d in (known, act.content_known_date) if d is not None), default=None)
    if content is None:
        return None
    if act.informed_of_litigation_right_and_deadline:
        return months(content, 6, calendar=rules.calendar)
    # Not told of the right to sue or the deadline: six months from learning the deadline,
    # at most one year from knowing the content (ALL-Interp art.64(1)).
    told = act.deadline_known_date
    return earliest(
        months(told, 6, calendar=rules.calendar) if told else None, months(content, 12, calendar=rules.calendar)
    )


def _after_reconsideration(c: Complaint, rules: FilingRules) -> PeriodEnd | None:
    """B: 15 days from service of the decision, or from the expiry of the reconsideration period (ALL art.45)."""
    r = c.reconsideration
    if r.decision_served_date is None:
        expiry = reconsideration_expiry(c, rules)
        return days(expiry.day, 15, calendar=rules.calendar) if expiry else None
    if r.decision_informed_deadline:
        return days(r.decision_served_date, 15, calendar=rules.calendar)
    # Not told of the deadline: 15 days from learning it, at most one year (ALL-Interp art.64).
    told = r.deadline_known_date
    return earliest(
        days(told, 15, calendar=rules.calendar) if told else None,
        months(r.decision_served_date, 12, calendar=rules.calendar),
    )


def duty_expiry(act: Act, rules: FilingRules) -> PeriodEnd | None:
    """The end of the agency's time to perform: the statutory period, else two months (ALL art.47(1))."""
    if act.application_date is None:
        return None
    if act.statutory_duty_period_days:
        return days(act.application_date, act.statutory_duty_period_days, calendar=rules.calendar)
    return months(act.application_date, 2, calendar=rules.calendar)


def _failure_to_act(act: Act, rules: FilingRules) -> PeriodEnd | None:
    """C: six months from the end of the agency's time to perform (ALL-Interp art.66)."""
    expiry = duty_expiry(act, rules)
    return months(expiry.day, 6, calendar=rules.calendar) if expiry else None


def earliest_filing_date(c: Complaint, rules: FilingRules) -> date | None:
    """The first day a failure-to-act suit lies: the day after the agency's time ran out.

    None when there is no waiting period: not a failure to act, an emergency (ALL art.47(2)),
    or dates missing. The agency may still perform on the last day of its period.
    """
    act = c.act
    if not act.is_failure_to_act or act.emergency:
        return None
    expiry = duty_expiry(act, rules)
    return expiry.day + timedelta(days=1) if expiry else None
