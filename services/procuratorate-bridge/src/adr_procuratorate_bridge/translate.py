"""Anti-corruption layer: shared contracts to the records the procuratorate keeps."""

from datetime import datetime
from typing import Any

from adr_contracts import Envelope
from adr_contracts.intake import DisputeRegisteredV1
from adr_procuratorate_bridge.domain.model import SharedRecord, receipt_digest


def to_record(envelope: Envelope[Any], *, received_at: datetime) -> SharedRecord:
    """The record of a shared registration, with the digest of the message received."""
    data = envelope.data
    if not isinstance(data, DisputeRegisteredV1) or envelope.case_id is None:
        raise TypeError("only registrations about a dispute are shared with the procuratorate")
    return SharedRecord(
        event_id=envelope.event_id,
        case_id=envelope.case_id,
        subject=envelope.event_type,
        registration_no=data.registration_no,
        channel=data.channel.value,
        agency_codes=tuple(data.agency_codes),
        act_type=data.act_type,
        received_on=data.received_on,
        occurred_at=envelope.occurred_at,
        received_at=received_at,
        # The handler receives the parsed envelope, so the digest is taken over its canonical
        # re-serialisation. A later issue (signed events and receipts) hashes the raw message
        # bytes as they arrived, which the consumer will then pass through.
        sha256=receipt_digest(envelope.to_json()),
    )
