"""The parts of a dispute's view added with issue #4: registration extras, classification, lead agency, withdrawal."""

from collections.abc import Mapping
from typing import Any

from adr_intake.api.decision_schemas import ClassificationView, LeadAgencyView, WithdrawalView
from adr_intake.api.schemas import RegistrationReconsideration
from adr_intake.store.registration_rows import reconsideration_record


def decision_views(row: Mapping[str, Any]) -> dict[str, Any]:
    """DisputeView fields from a ``disputes`` row (nothing here is personal data)."""
    return {
        "act_doc_no": row["act_doc_no"],
        "amount_yuan": row["amount_yuan"],
        **act_fact_views(row),
        "repeat_of": row["repeat_of"],
        "classification": ClassificationView(
            major=row["is_major"],
            group=row["is_group"],
            sensitive=row["is_sensitive"],
            reason_codes=row["classification_reasons"] or [],
            manual=row["classification_manual"],
            note=row["classification_note"],
            alert=row["is_major"],
        ),
        "lead_agency": _lead_agency(row),
        "withdrawal": (
            WithdrawalView(reason_code=row["withdrawal_reason_code"], withdrawn_at=row["withdrawn_at"])
            if row["withdrawn_at"] is not None
            else None
        ),
    }


def _lead_agency(row: Mapping[str, Any]) -> LeadAgencyView | None:
    if row["lead_agency_code"] is None:
        return None
    return LeadAgencyView(
        code=row["lead_agency_code"],
        decided=len(row["agency_codes"]) > 1,
        reasons=row["lead_agency_reasons"],
        decided_on=row["lead_agency_decided_on"],
        liaisons_to_notify=row["liaisons_to_notify"] or [],
    )


def act_fact_views(row: Mapping[str, Any]) -> dict[str, Any]:
    """The contested act's dates, claim types and reconsideration (RULES.md §1.0)."""
    return {
        "act_made_on": row["act_made_on"],
        "act_served_on": row["act_served_on"],
        "act_known_on": row["act_known_on"],
        "postmark_on": row["postmark_on"],
        "claim_types": row["claim_types"] or [],
        "reconsideration": RegistrationReconsideration.of(reconsideration_record(row["reconsideration"])),
    }
