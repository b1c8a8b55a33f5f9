"""What the procuratorate receives through entitled sharing (P2), and the receipt issued for each record.

The procuratorate sees only what a contract's audience entitles it to: codes, dates and numbers of the
disputes and court cases, never the applicants (DESIGN.md §4). Each shared fact is kept as received,
with the SHA-256 of the message it came in, and a receipt is issued on that digest.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class SharedKind:
    """A kind of shared fact: its code and its name on staff pages."""

    code: str
    label: str


# One kind per contract the procuratorate reads (registry.read_by("procuratorate-bridge")).
SHARED_KINDS: dict[str, SharedKind] = {
    "adr.intake.dispute.registered.v1": SharedKind("registration", "争议登记"),
    "adr.court.case.filed.v1": SharedKind("case_filed", "法院立案"),
    "adr.court.case.hearing_held.v1": SharedKind("court_hearing", "开庭审理"),
    "adr.court.case.decision_issued.v1": SharedKind("decision", "判决裁定"),
    "adr.court.case.appeal_settled.v1": SharedKind("appeal", "上诉情况"),
    "adr.court.suggestion.issued.v1": SharedKind("judicial_suggestion", "司法建议"),
    "adr.court.suggestion.replied.v1": SharedKind("judicial_suggestion_reply", "司法建议回复"),
    "adr.reporting.warning.raised.v1": SharedKind("warning", "预警"),
}

KIND_LABELS: dict[str, str] = {k.code: k.label for k in SHARED_KINDS.values()}


def kind_of(subject: str) -> SharedKind:
    """The kind of fact a contract subject carries (KeyError for a subject the procuratorate may not read)."""
    return SHARED_KINDS[subject]


@dataclass(frozen=True)
class SharedRecord:
    """One shared fact as received, with the digest of the message it came in.

    ``facts`` holds the contract's payload as received (codes, dates, numbers: the contracts the
    procuratorate reads carry no personal data). The registration columns are kept for registrations.
    """

    event_id: UUID
    case_id: UUID | None
    subject: str
    kind: str
    occurred_at: datetime
    received_at: datetime
    sha256: str
    facts: dict[str, Any] = field(default_factory=dict)
    agency_codes: tuple[str, ...] = ()
    registration_no: str | None = None
    channel: str | None = None
    act_type: str | None = None
    received_on: date | None = None


@dataclass(frozen=True)
class Receipt:
    """The procuratorate's acknowledgement of one shared message: what was received, its digest, when."""

    receipt_id: UUID
    event_id: UUID
    subject: str
    sha256: str
    issued_at: datetime


def receipt_digest(document: bytes) -> str:
    """The SHA-256 of a message, hex: the basis on which a receipt for it is issued."""
    return hashlib.sha256(document).hexdigest()


def receipt_for(record: SharedRecord, *, receipt_id: UUID) -> Receipt:
    """The receipt of a kept record, on the digest of the message received."""
    return Receipt(
        receipt_id=receipt_id, event_id=record.event_id, subject=record.subject, sha256=record.sha256,
        issued_at=record.received_at,
    )
