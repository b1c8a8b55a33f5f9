"""The dispute columns added with issue #4, and the sealing of its personal data (row <-> domain)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from adr_intake.domain.classification import Classification
from adr_intake.domain.model import Applicant, Dispute
from adr_intake.store.pii import PiiCipher, mask_name
from adr_intake.store.registration_rows import act_fact_columns, act_fact_fields


class CipherMissing(RuntimeError):
    """Personal data was to be sealed or opened by a unit of work built without the cipher."""


@dataclass(frozen=True)
class PersonalData:
    """A dispute's identities and claims, opened (for the few uses that need them; never logged)."""

    applicants: tuple[Applicant, ...]
    claims_summary: str


def _where(case_id: UUID, field: str, position: int | None = None) -> str:
    # the sealing context: a value opens only in the row and column it was sealed for
    return f"dispute:{case_id}:{field}" if position is None else f"dispute:{case_id}:applicant{position}.{field}"


def sealed_personal_data(dispute: Dispute, cipher: PiiCipher | None) -> dict[str, Any]:
    """The ``applicants`` (sealed, with the masked name lists show) and ``claims_summary`` columns."""
    if cipher is None:
        raise CipherMissing("registering a dispute needs the personal-data cipher")
    applicants = [
        {
            "kind": a.kind,
            "masked": mask_name(a.name),
            "name": cipher.seal(a.name, context=_where(dispute.id, "name", i)),
            "id_no": cipher.seal_optional(a.id_no, context=_where(dispute.id, "id_no", i)),
            "phone": cipher.seal_optional(a.phone, context=_where(dispute.id, "phone", i)),
        }
        for i, a in enumerate(dispute.applicants)
    ]
    claims = cipher.seal(dispute.claims_summary or "", context=_where(dispute.id, "claims_summary"))
    return {"applicants": applicants, "claims_summary": claims}


def opened_personal_data(row: Mapping[Any, Any], cipher: PiiCipher | None) -> PersonalData:
    """The identities and claims of a stored dispute, opened."""
    if cipher is None:
        raise CipherMissing("reading personal data needs the personal-data cipher")
    case_id = row["id"]
    applicants = tuple(
        Applicant(
            kind=a["kind"],
            name=cipher.open(a["name"], context=_where(case_id, "name", i)),
            id_no=cipher.open_optional(a.get("id_no"), context=_where(case_id, "id_no", i)),
            phone=cipher.open_optional(a.get("phone"), context=_where(case_id, "phone", i)),
        )
        for i, a in enumerate(row["applicants"])
    )
    claims = cipher.open(row["claims_summary"], context=_where(case_id, "claims_summary"))
    return PersonalData(applicants=applicants, claims_summary=claims)


def decision_columns(dispute: Dispute) -> dict[str, Any]:
    """The columns a later decision changes: classification, lead agency, withdrawal."""
    c = dispute.classification
    return {
        "repeat_of": dispute.repeat_of,
        "is_major": c.major,
        "is_group": c.group,
        "is_sensitive": c.sensitive,
        "classification_reasons": list(c.reason_codes) or None,
        "classification_manual": c.manual,
        "classification_note": c.note,
        "lead_agency_code": dispute.lead_agency_code,
        "lead_agency_reasons": dispute.lead_agency_reasons,
        "lead_agency_decided_on": dispute.lead_agency_decided_on,
        "liaisons_to_notify": [str(i) for i in dispute.liaisons_to_notify] or None,
        "withdrawal_reason_code": dispute.withdrawal_reason_code,
        "withdrawn_at": dispute.withdrawn_at,
    }


def registration_columns(dispute: Dispute) -> dict[str, Any]:
    """The registration facts added with issue #4."""
    return {"act_doc_no": dispute.act_doc_no, "amount_yuan": dispute.amount_yuan, **act_fact_columns(dispute)}


def decision_fields(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The Dispute fields of those columns (the identities stay sealed: see ``opened_personal_data``)."""
    return {
        "act_doc_no": row["act_doc_no"],
        "amount_yuan": row["amount_yuan"],
        **act_fact_fields(row),
        "applicant_count": len(row["applicants"]),
        "repeat_of": row["repeat_of"],
        "classification": Classification(
            major=row["is_major"],
            group=row["is_group"],
            sensitive=row["is_sensitive"],
            reason_codes=tuple(row["classification_reasons"] or ()),
            manual=row["classification_manual"],
            note=row["classification_note"],
        ),
        "lead_agency_code": row["lead_agency_code"],
        "lead_agency_reasons": row["lead_agency_reasons"],
        "lead_agency_decided_on": row["lead_agency_decided_on"],
        "liaisons_to_notify": tuple(UUID(i) for i in row["liaisons_to_notify"] or ()),
        "withdrawal_reason_code": row["withdrawal_reason_code"],
        "withdrawn_at": row["withdrawn_at"],
    }
