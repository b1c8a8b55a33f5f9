"""Anti-corruption layer: published contracts to the facts reporting counts."""

from typing import Any

from adr_contracts import Envelope
from adr_contracts.intake import (
    AgencyDirectoryChangedV1,
    DisputeClassifiedV1,
    DisputeRegisteredV1,
    DisputeRoutedV1,
    DisputeWithdrawnV1,
    FilingReviewCompletedV1,
    LeadAgencyDecidedV1,
)
from adr_contracts.mediation import AgreementReachedV1, MediationFailedV1, MediationOpenedV1
from adr_reporting.domain.directory import AgencyChanged
from adr_reporting.domain.facts import (
    Classified,
    Fact,
    FilingReviewed,
    LeadAgencyDecided,
    MediationAgreed,
    MediationFailed,
    MediationOpened,
    Registered,
    Routed,
    Withdrawn,
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
        case DisputeClassifiedV1() | LeadAgencyDecidedV1() | DisputeWithdrawnV1():
            return _decision(envelope)
    raise TypeError(f"reporting counts nothing from {type(data).__name__}")


def _decision(envelope: Envelope[Any]) -> Fact:
    data = envelope.data
    match data:
        case DisputeClassifiedV1():
            return Classified(at=envelope.occurred_at, major=data.major, group=data.group, sensitive=data.sensitive)
        case LeadAgencyDecidedV1():
            return LeadAgencyDecided(lead_agency_code=data.lead_agency_code)
    return Withdrawn(withdrawn_on=data.withdrawn_on)


def to_directory_fact(envelope: Envelope[AgencyDirectoryChangedV1]) -> AgencyChanged:
    """A directory change as reporting keeps it (the liaisons were never named)."""
    data = envelope.data
    return AgencyChanged(
        at=envelope.occurred_at, code=data.code, name_zh=data.name_zh, kind=data.kind, change=data.change,
        liaison_count=data.liaison_count,
    )
