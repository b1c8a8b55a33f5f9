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
from adr_reporting.domain.journal import Entry, Kind
from adr_runtime.clock import local_date


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


# The contract's own date of each fact (the payload field); others fall back on the event's district date.
_ENTRY_DATES: dict[str, tuple[Kind, str | None]] = {
    "adr.intake.dispute.registered.v1": (Kind.REGISTERED, None),
    "adr.intake.dispute.filing_review_completed.v1": (Kind.FILING_REVIEWED, None),
    "adr.intake.dispute.routed.v1": (Kind.ROUTED, "routed_on"),
    "adr.intake.dispute.classified.v1": (Kind.CLASSIFIED, None),
    "adr.intake.dispute.lead_agency_decided.v1": (Kind.LEAD_AGENCY_DECIDED, "decided_on"),
    "adr.intake.dispute.withdrawn.v1": (Kind.WITHDRAWN, "withdrawn_on"),
    "adr.intake.directory.agency_changed.v1": (Kind.AGENCY_CHANGED, None),
    "adr.mediation.case.opened.v1": (Kind.MEDIATION_OPENED, "opened_on"),
    "adr.mediation.case.agreement_reached.v1": (Kind.AGREEMENT_REACHED, "agreed_on"),
    "adr.mediation.case.failed.v1": (Kind.MEDIATION_FAILED, "failed_on"),
    "adr.mediation.agreement.confirmation_requested.v1": (Kind.CONFIRMATION_REQUESTED, "requested_on"),
    "adr.mediation.case.risk_assessed.v1": (Kind.RISK_ASSESSED, "assessed_on"),
    "adr.mediation.obligation.overdue.v1": (Kind.OBLIGATION_OVERDUE, None),
    "adr.mediation.obligation.fulfilled.v1": (Kind.OBLIGATION_FULFILLED, "fulfilled_on"),
    "adr.mediation.case.closed.v1": (Kind.MEDIATION_CLOSED, "closed_on"),
    "adr.mediation.case.follow_up_recorded.v1": (Kind.FOLLOW_UP, "visited_on"),
    "adr.mediation.subsidy.batch_approved.v1": (Kind.SUBSIDY_APPROVED, "approved_on"),
    "adr.court.case.filed.v1": (Kind.CASE_FILED, "filed_on"),
    "adr.court.case.resolution_plan_submitted.v1": (Kind.PLAN_SUBMITTED, "submitted_on"),
    "adr.court.case.hearing_held.v1": (Kind.HEARING_HELD, "held_on"),
    "adr.court.case.decision_issued.v1": (Kind.DECISION_ISSUED, "issued_on"),
    "adr.court.case.appeal_settled.v1": (Kind.APPEAL_SETTLED, "settled_on"),
    "adr.court.confirmation.ruled.v1": (Kind.CONFIRMATION_RULED, "ruled_on"),
    "adr.court.suggestion.issued.v1": (Kind.JUDICIAL_SUGGESTION_ISSUED, "issued_on"),
    "adr.court.suggestion.replied.v1": (Kind.JUDICIAL_SUGGESTION_REPLIED, "replied_on"),
    "adr.court.suggestion.overdue.v1": (Kind.JUDICIAL_SUGGESTION_OVERDUE, "noticed_on"),
    "adr.procuratorate.suggestion.issued.v1": (Kind.PROCURATORIAL_SUGGESTION_ISSUED, "issued_on"),
    "adr.procuratorate.suggestion.replied.v1": (Kind.PROCURATORIAL_SUGGESTION_REPLIED, "replied_on"),
    "adr.procuratorate.suggestion.overdue.v1": (Kind.PROCURATORIAL_SUGGESTION_OVERDUE, "noticed_on"),
    "adr.procuratorate.hearing.held.v1": (Kind.PROCURATORIAL_HEARING_HELD, "held_on"),
    "adr.procuratorate.assistance.decided.v1": (Kind.ASSISTANCE_DECIDED, "decided_on"),
}

# payload fields reporting never keeps (staff sign-in names of a restriction are not statistics)
_DROPPED = frozenset({"restricted_to"})


def to_entry(envelope: Envelope[Any]) -> Entry:
    """The journal's fact for any event reporting reads (its own date, its agencies, no personal data)."""
    kind, date_field = _ENTRY_DATES[envelope.event_type]
    data = {k: v for k, v in envelope.data.model_dump(mode="json").items() if k not in _DROPPED}
    on = envelope.data.__dict__[date_field] if date_field else local_date(envelope.occurred_at)
    codes: list[str] = list(data.get("agency_codes") or [])
    for key in ("agency_code", "lead_agency_code", "code"):
        value = data.get(key)
        if isinstance(value, str) and value not in codes:
            codes.append(value)
    if kind is Kind.AGENCY_CHANGED:
        codes = [data["code"]]
    return Entry(
        event_id=envelope.event_id, kind=kind, on=on, case_id=envelope.case_id, agency_codes=tuple(codes), data=data
    )


def entry_kind(subject: str) -> Kind:
    """The journal's kind of a contract's subject."""
    return _ENTRY_DATES[subject][0]
