"""What a filing check says, and the parameters and situation every check reads.

The code lists mirror adr_contracts.vocabulary (FilingCheck, Verdict, CourtLevel, Route) value for
value; the domain keeps its own copies so that it imports nothing but the standard library and
adr_runtime.legal_time. A test holds the two in step.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from adr_intake.domain.filing.facts import Complaint
from adr_runtime.legal_time import HolidayCalendar, official_calendar


class Check(StrEnum):
    """The eight filing checks (八看)."""

    CLAIM = "claim"
    SCOPE = "scope"
    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"
    LIMITATION = "limitation"
    RECONSIDERATION = "reconsideration"
    JURISDICTION = "jurisdiction"
    OTHER_BARS = "other_bars"


class Verdict(StrEnum):
    """One check's outcome. `review`: the law leaves it to a person (the system flags, a person decides)."""

    PASS = "pass"
    FAIL = "fail"  # 存在不予立案或驳回起诉的风险（不是最终结论）
    CORRECTABLE = "correctable"  # 一次性告知补正
    REVIEW = "review"  # 需人工判断


class CourtLevel(StrEnum):
    """First-instance court level (RULES.md §1.7)."""

    BASIC = "basic"
    INTERMEDIATE = "intermediate"
    HIGH = "high"


class Route(StrEnum):
    """Where the review sends the dispute."""

    MEDIATION = "mediation"
    FILING = "filing"
    RECONSIDERATION = "reconsideration"
    NOT_ACCEPTED = "not_accepted"


_SEVERITY = {Verdict.PASS: 0, Verdict.REVIEW: 1, Verdict.CORRECTABLE: 2, Verdict.FAIL: 3}


@dataclass(frozen=True)
class Finding:
    """One reason found by a check: its verdict, the article relied on and a sentence for staff."""

    verdict: Verdict
    basis: str
    explanation: str


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check."""

    check: Check
    verdict: Verdict
    basis: str  # the article(s) cited, e.g. 行政诉讼法第四十六条第一款
    explanation: str  # Chinese, for staff


def conclude(check: Check, findings: list[Finding], *, passed: Finding) -> CheckResult:
    """The check's result: the gravest findings decide; ``passed`` when nothing was found."""
    if not findings:
        return CheckResult(check, passed.verdict, passed.basis, passed.explanation)
    ordered = sorted(findings, key=lambda f: -_SEVERITY[f.verdict])
    bases = list(dict.fromkeys(f.basis for f in ordered))
    verdict = ordered[0].verdict
    return CheckResult(check, verdict, "；".join(bases), "".join(f.explanation for f in ordered))


@dataclass(frozen=True)
class FilingRules:
    """The parameters of the checks, which the district may configure.

    Attributes:
        calendar: the official working-day calendar (with any year an administrator loaded).
        other_reconsideration_first: act-type codes for which another law or administrative
            regulation requires reconsideration first (ARL art.23(1)(5)). The default, tax payment
            disputes (税收征收管理法第八十八条第一款), is unverified in RULES.md §1.6: confirm it.
        intermediate_government_levels: levels of people's governments whose acts go to the
            intermediate court (ALL art.15(1): county level and above); a pilot may change it.
        group_size: plaintiffs from which a suit is a "large number" (人数众多, ALL-Interp art.29).
    """

    calendar: HolidayCalendar = field(default_factory=official_calendar)
    other_reconsideration_first: frozenset[str] = frozenset({"tax_payment"})
    intermediate_government_levels: frozenset[str] = frozenset({"central", "province", "city", "county"})
    group_size: int = 10


@dataclass(frozen=True)
class Situation:
    """The complaint as of the day it is evaluated, with the rules in force."""

    complaint: Complaint
    as_of: date
    rules: FilingRules = field(default_factory=FilingRules)

    @property
    def filed_on(self) -> date:
        """The day the suit counts as brought: the postmark, else the filing date, else ``as_of``.

        A complaint posted before the period expires is on time (期间不包括在途时间, RULES.md §0.3).
        """
        c = self.complaint
        return c.postmark_date or c.filed_date or self.as_of
