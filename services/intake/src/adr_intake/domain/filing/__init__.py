"""The eight filing checks (八看) as a rule engine (RULES.md §1–§2): plain Python on the complaint's facts.

Imports only the standard library and adr_runtime.legal_time.
"""

from adr_intake.domain.filing.assessment import FilingAssessment, evaluate
from adr_intake.domain.filing.facts import (
    Act,
    AdminLevel,
    Claim,
    Complaint,
    DecisionType,
    Defendant,
    DefendantKind,
    Plaintiff,
    PlaintiffKind,
    PriorCase,
    PriorOutcome,
    Procedure,
    Reconsideration,
)
from adr_intake.domain.filing.outcome import Check, CheckResult, CourtLevel, FilingRules, Route, Verdict

__all__ = [
    "Act",
    "AdminLevel",
    "Check",
    "CheckResult",
    "Claim",
    "Complaint",
    "CourtLevel",
    "DecisionType",
    "Defendant",
    "DefendantKind",
    "FilingAssessment",
    "FilingRules",
    "Plaintiff",
    "PlaintiffKind",
    "PriorCase",
    "PriorOutcome",
    "Procedure",
    "Reconsideration",
    "Route",
    "Verdict",
    "evaluate",
]
