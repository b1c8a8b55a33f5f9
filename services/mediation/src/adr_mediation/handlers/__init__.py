"""Mediation's use cases: each one loads, asks the domain, and commits through the unit of work.

One module per part of the work (a case's course, its agreement and obligations, its people, subsidies);
this package names them all, as the API, the pages and the subscribers use them.
"""

from adr_mediation.handlers.agreements import (
    ObligationDraft,
    SweepResult,
    close_performed,
    draft_agreement,
    fulfil_obligation,
    record_ruling,
    request_confirmation,
    self_correct,
    sign_agreement,
    sweep_obligations,
    withdraw,
)
from adr_mediation.handlers.cases import (
    OpenMediation,
    RecordFailure,
    add_risk_measure,
    assess_risk,
    case_filed_in_court,
    extend_period,
    open_mediation,
    record_failure,
    record_follow_up,
    resolution_plan_submitted,
    set_difficulty,
)
from adr_mediation.handlers.people import (
    add_person,
    add_plan_version,
    answer_head_notice,
    assign_person,
    cancel_session,
    record_session,
    schedule_session,
    send_head_notice,
)
from adr_mediation.handlers.subsidies import approve_subsidy_batch, draft_subsidy_batch

__all__ = [
    "ObligationDraft",
    "OpenMediation",
    "RecordFailure",
    "SweepResult",
    "add_person",
    "add_plan_version",
    "add_risk_measure",
    "answer_head_notice",
    "approve_subsidy_batch",
    "assess_risk",
    "assign_person",
    "cancel_session",
    "case_filed_in_court",
    "close_performed",
    "draft_agreement",
    "draft_subsidy_batch",
    "extend_period",
    "fulfil_obligation",
    "open_mediation",
    "record_failure",
    "record_follow_up",
    "record_ruling",
    "record_session",
    "request_confirmation",
    "resolution_plan_submitted",
    "schedule_session",
    "self_correct",
    "send_head_notice",
    "set_difficulty",
    "sign_agreement",
    "sweep_obligations",
    "withdraw",
]
