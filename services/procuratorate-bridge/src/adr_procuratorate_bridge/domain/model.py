"""What the procuratorate receives through entitled sharing (P2), and the receipt basis of each record.

The procuratorate sees only what a contract's audience entitles it to: for a registration, the
registration number, channel, agencies and act type, never the applicants (DESIGN.md §4).
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class SharedRecord:
    """One shared fact as received, with the digest of the message it came in."""

    event_id: UUID
    case_id: UUID
    subject: str
    registration_no: str
    channel: str
    agency_codes: tuple[str, ...]
    act_type: str
    received_on: date
    occurred_at: datetime
    received_at: datetime
    sha256: str


def receipt_digest(document: bytes) -> str:
    """The SHA-256 of a message, hex: the basis on which a receipt for it can be issued."""
    return hashlib.sha256(document).hexdigest()
