"""Anti-corruption layer: shared contracts to the records the procuratorate keeps."""

from datetime import datetime
from typing import Any
from uuid import UUID

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.procuratorate import (
    JudicialAssistanceDecidedV1,
    ProcuratorialHearingHeldV1,
    ProcuratorialSuggestionIssuedV1,
    ProcuratorialSuggestionOverdueV1,
    ProcuratorialSuggestionRepliedV1,
)
from adr_procuratorate_bridge.domain.hearings import AssistanceApplication, Hearing
from adr_procuratorate_bridge.domain.model import SharedRecord, kind_of, receipt_digest
from adr_procuratorate_bridge.domain.suggestions import (
    Suggestion,
    SuggestionEvent,
    SuggestionIssued,
    SuggestionReplied,
)


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


def suggestion_envelope(
    suggestion: Suggestion, event: SuggestionEvent, *, correlation_id: UUID, occurred_at: datetime
) -> Envelope[Any]:
    """The contract of a suggestion's event; its subject is the case, or the suggestion itself when none."""
    payload: ContractModel
    assert suggestion.reply_due_on is not None
    if isinstance(event, SuggestionIssued):
        assert suggestion.suggestion_no is not None and suggestion.issued_on is not None
        payload = ProcuratorialSuggestionIssuedV1(
            suggestion_id=suggestion.id, suggestion_no=suggestion.suggestion_no, agency_code=suggestion.agency_code,
            topic_code=suggestion.topic_code, issued_on=suggestion.issued_on, reply_due_on=suggestion.reply_due_on,
        )
    elif isinstance(event, SuggestionReplied):
        assert suggestion.replied_on is not None and suggestion.adopted is not None
        payload = ProcuratorialSuggestionRepliedV1(
            suggestion_id=suggestion.id, agency_code=suggestion.agency_code, replied_on=suggestion.replied_on,
            reply_due_on=suggestion.reply_due_on, days_late=suggestion.days_late or 0, adopted=suggestion.adopted,
        )
    else:
        payload = ProcuratorialSuggestionOverdueV1(
            suggestion_id=suggestion.id, agency_code=suggestion.agency_code, reply_due_on=suggestion.reply_due_on,
            noticed_on=event.noticed_on,
        )
    return envelope_for(
        payload, case_id=suggestion.case_id or suggestion.id, correlation_id=correlation_id, occurred_at=occurred_at
    )


def hearing_envelope(hearing: Hearing, *, correlation_id: UUID, occurred_at: datetime) -> Envelope[Any]:
    """A hearing held, with the number of participants but never their names."""
    assert hearing.held_on is not None and hearing.outcome is not None
    payload = ProcuratorialHearingHeldV1(
        hearing_id=hearing.id, held_on=hearing.held_on, outcome_code=hearing.outcome.value,
        participant_count=len(hearing.participants),
    )
    return envelope_for(payload, case_id=hearing.case_id, correlation_id=correlation_id, occurred_at=occurred_at)


def assistance_envelope(
    application: AssistanceApplication, *, correlation_id: UUID, occurred_at: datetime
) -> Envelope[Any]:
    """A decision on judicial assistance, without the applicant."""
    assert application.decided_on is not None and application.granted is not None
    payload = JudicialAssistanceDecidedV1(
        application_id=application.id, decided_on=application.decided_on, granted=application.granted,
        amount_fen=application.amount_fen,
    )
    return envelope_for(payload, case_id=application.case_id, correlation_id=correlation_id, occurred_at=occurred_at)
