"""Anti-corruption layer: published contracts to the facts reporting counts."""

from typing import Any

from adr_contracts import Envelope
from adr_contracts.intake import DisputeRegisteredV1, DisputeRoutedV1, FilingReviewCompletedV1
from adr_contracts.mediation import AgreementReachedV1, MediationFailedV1, MediationOpenedV1
from adr_reporting.domain.facts import (
    Fact,
    FilingReviewed,
    MediationAgreed,
    MediationFailed,
    MediationOpened,
    Registered,
    Routed,
)


def to_fact(envelope: Envelope[Any]) -> Fact:
    """The fact an event tells reporting (registration time is the event's own time)."""
    data = envelope.data
    match data:
        case DisputeRegisteredV1():
            return Registered(
                at=envelope.occurred_at,
                registration_no=data.registration_no,
                channel=data.channel.value,
                received_on=data.received_on,
                agency_codes=tuple(data.agency_codes),
                act_type=data.act_type,
            )
        case FilingReviewCompletedV1():
            return FilingReviewed(at=envelope.occurred_at, mediable=data.mediable)
        case DisputeRoutedV1():
            return Routed(
                route=data.route.value,
                routed_on=data.routed_on,
                registration_no=data.registration_no,
                first_received_on=data.first_received_on,
                agency_codes=tuple(data.agency_codes),
            )
        case MediationOpenedV1():
            return MediationOpened(opened_on=data.opened_on)
        case AgreementReachedV1():
            return MediationAgreed(agreed_on=data.agreed_on)
        case MediationFailedV1():
            return MediationFailed(failed_on=data.failed_on, first_received_on=data.first_received_on)
    raise TypeError(f"reporting counts nothing from {type(data).__name__}")
