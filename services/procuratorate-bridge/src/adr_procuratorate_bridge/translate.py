"""Anti-corruption layer: shared contracts to the records the procuratorate keeps."""

from datetime import datetime
from typing import Any

from adr_contracts import Envelope
from adr_contracts.intake import DisputeRegisteredV1
from adr_procuratorate_bridge.domain.model import SharedRecord, kind_of, receipt_digest


def _agency_codes(data: Any) -> tuple[str, ...]:
    codes = getattr(data, "agency_codes", None)
    if codes is not None:
        return tuple(codes)
    single = getattr(data, "agency_code", None)
    return (single,) if single else ()


def to_record(envelope: Envelope[Any], *, received_at: datetime) -> SharedRecord:
    """The record of a shared fact, with the digest of the message received."""
    data = envelope.data
    kind = kind_of(envelope.event_type)
    registration = data if isinstance(data, DisputeRegisteredV1) else None
    return SharedRecord(
        event_id=envelope.event_id,
        case_id=envelope.case_id,
        subject=envelope.event_type,
        kind=kind.code,
        occurred_at=envelope.occurred_at,
        received_at=received_at,
        # The handler receives the parsed envelope, so the digest is taken over its canonical
        # re-serialisation. A later issue (signed events and receipts) hashes the raw message
        # bytes as they arrived, which the consumer will then pass through.
        sha256=receipt_digest(envelope.to_json()),
        facts=data.model_dump(mode="json"),
        agency_codes=_agency_codes(data),
        registration_no=registration.registration_no if registration else None,
        channel=registration.channel.value if registration else None,
        act_type=registration.act_type if registration else None,
        received_on=registration.received_on if registration else None,
    )
