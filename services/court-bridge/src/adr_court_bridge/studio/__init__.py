"""Use cases of a filed case in the court studio: materials and plans (A4, M1, J4), hearings (M5),
decisions and appeals (M7), judicial confirmation (W3), enforcement review (K3) and open trials (M8).

Each commits its records and the events they raise in one transaction (outbox). The use cases live in one
module per part of the studio's work; this package names them all, as the API uses them.
"""

from adr_court_bridge.studio.decisions import (
    QaSession,
    issue_decision,
    record_appeal,
    record_qa,
    sweep_appeal_windows,
)
from adr_court_bridge.studio.hearings import record_hearing, schedule_hearing
from adr_court_bridge.studio.materials import (
    MAX_EVIDENCE_BYTES,
    Authorisation,
    EvidenceFile,
    PlanSubmission,
    record_authorisation,
    serve_complaint,
    submit_plan,
)
from adr_court_bridge.studio.rulings import (
    INVITEE_KINDS,
    invite_observer,
    receive_enforcement_application,
    record_opinion,
    rule_confirmation,
    rule_enforcement,
)

__all__ = [
    "INVITEE_KINDS",
    "MAX_EVIDENCE_BYTES",
    "Authorisation",
    "EvidenceFile",
    "PlanSubmission",
    "QaSession",
    "invite_observer",
    "issue_decision",
    "receive_enforcement_application",
    "record_appeal",
    "record_authorisation",
    "record_hearing",
    "record_opinion",
    "record_qa",
    "rule_confirmation",
    "rule_enforcement",
    "schedule_hearing",
    "serve_complaint",
    "submit_plan",
    "sweep_appeal_windows",
]
