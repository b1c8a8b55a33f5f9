"""The periods the court tracks, counted by the legal-time rules (RULES.md §0.3, §4.1, §5.1, §6).

- Defence: the agency answers within 15 days of receiving the complaint (ALL art.67).
- Hearing notice: the summons and the head's appearance notice are served at least 3 days before
  the hearing (ALL-Interp art.71; Heads-Prov art.5).
- Appeal: 15 days from service of a judgment, 10 days from service of a ruling (ALL art.85).
- Judicial suggestion: the reply period is set per letter, "generally not more than two months"
  (JS-Prov art.8); the default is configurable.
- Non-litigation enforcement (行审): legality ruling within 7 days of acceptance (ALL-Interp art.160).

The day of the triggering event is not counted; a period ending on a rest day or holiday ends on the
next working day (the calendar comes from ``adr_runtime.legal_time``).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from adr_runtime.legal_time import HolidayCalendar, PeriodEnd, days, months

JUDGMENT_APPEAL_DAYS = 15
RULING_APPEAL_DAYS = 10
ENFORCEMENT_REVIEW_DAYS = 7


@dataclass(frozen=True)
class Periods:
    """The configurable periods and the calendar they are counted on."""

    defence_days: int = 15
    hearing_notice_days: int = 3
    suggestion_reply_months: int = 2
    calendar: HolidayCalendar | None = None

    def defence_due(self, served_on: date) -> PeriodEnd:
        """The last day for the agency's defence, counted from service of the complaint."""
        return days(served_on, self.defence_days, calendar=self.calendar)

    def appeal_deadline(self, kind: str, served_on: date) -> PeriodEnd:
        """The last day to appeal a judgment (15 days) or a ruling (10 days) from its service."""
        period = JUDGMENT_APPEAL_DAYS if kind == "judgment" else RULING_APPEAL_DAYS
        return days(served_on, period, calendar=self.calendar)

    def reply_due(self, issued_on: date, reply_months: int | None = None) -> PeriodEnd:
        """The reply deadline of a judicial suggestion (the letter's own period, else the default)."""
        return months(issued_on, reply_months or self.suggestion_reply_months, calendar=self.calendar)

    def enforcement_review_due(self, accepted_on: date) -> PeriodEnd:
        """The last day for the legality ruling on an application to enforce (7 days)."""
        return days(accepted_on, ENFORCEMENT_REVIEW_DAYS, calendar=self.calendar)

    def notice_in_time(self, noticed_on: date, hearing_on: date) -> bool:
        """Whether the notice leaves at least the required full days before the hearing."""
        return noticed_on + timedelta(days=self.hearing_notice_days) <= hearing_on

    def latest_notice_day(self, hearing_on: date) -> date:
        """The last day on which a notice for the hearing may still be served."""
        return hearing_on - timedelta(days=self.hearing_notice_days)
