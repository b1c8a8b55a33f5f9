"""The contested act's facts recorded at registration (RULES.md §1.0): row <-> domain."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from adr_intake.domain.filing.facts import DecisionType
from adr_intake.domain.model import Dispute
from adr_intake.domain.registration import ReconsiderationRecord

_DATES = ("act_made_on", "act_served_on", "act_known_on", "postmark_on")


def act_fact_columns(dispute: Dispute) -> dict[str, Any]:
    """The date, claim-type and reconsideration columns."""
    return {
        **{name: getattr(dispute, name) for name in _DATES},
        "claim_types": list(dispute.claim_types) or None,
        "reconsideration": reconsideration_json(dispute.reconsideration),
    }


def act_fact_fields(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The Dispute fields of those columns."""
    return {
        **{name: row[name] for name in _DATES},
        "claim_types": tuple(row["claim_types"] or ()),
        "reconsideration": reconsideration_record(row["reconsideration"]),
    }


def reconsideration_json(record: ReconsiderationRecord | None) -> dict[str, Any] | None:
    """The JSON column's value."""
    if record is None:
        return None
    served = record.decision_served_on
    return {
        "applied": record.applied,
        "organ": record.organ,
        "decision_type": record.decision_type.value if record.decision_type else None,
        "decision_served_on": served.isoformat() if served else None,
    }


def reconsideration_record(value: Mapping[str, Any] | None) -> ReconsiderationRecord | None:
    """The record from the JSON column's value."""
    if value is None:
        return None
    served = value.get("decision_served_on")
    decision = value.get("decision_type")
    return ReconsiderationRecord(
        applied=bool(value.get("applied")),
        organ=value.get("organ"),
        decision_type=DecisionType(decision) if decision else None,
        decision_served_on=date.fromisoformat(served) if served else None,
    )
