"""Anti-corruption layer: intake's domain events to published contracts."""

from uuid import UUID

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.intake import (
    AgencyDirectoryChangedV1,
    DisputeClassifiedV1,
    DisputeRegisteredV1,
    DisputeRoutedV1,
    DisputeWithdrawnV1,
    FilingReviewCompletedV1,
    LeadAgencyDecidedV1,
)
from adr_contracts.vocabulary import Channel, CourtLevel, FilingCheck, Route, Verdict
from adr_intake.domain.directory import AgencyChanged
from adr_intake.domain.events import (
    DisputeClassified,
    DisputeRegistered,
    DisputeRouted,
    DisputeWithdrawn,
    DomainEvent,
    FilingReviewCompleted,
    LeadAgencyDecided,
    LiaisonsNamed,
    RepeatFlagged,
    StageChanged,
)
from adr_runtime.clock import local_date
from adr_runtime.outbox import HistoryNote


def to_envelope(
    event: DomainEvent, *, correlation_id: UUID, causation_id: UUID | None
) -> Envelope[ContractModel] | HistoryNote:
    """The contract an event is published as, or a history note for facts kept locally."""
    payload: ContractModel
    match event:
        case DisputeRegistered():
            payload = DisputeRegisteredV1(
                registration_no=event.registration_no,
                channel=Channel(event.channel),
                received_on=event.received_on,
                agency_codes=list(event.agency_codes),
                act_type=event.act_type,
                applicant_count=event.applicant_count,
            )
        case DisputeRouted():
            payload = _routed(event)
        case FilingReviewCompleted():
            payload = _review_completed(event)
        case StageChanged():
            return HistoryNote(
                case_id=event.case_id,
                occurred_at=event.at,
                action="intake.dispute.stage_followed",
                details={"stage": event.stage},
                event_id=None,
            )
        case DisputeClassified() | LeadAgencyDecided() | DisputeWithdrawn() | RepeatFlagged() | LiaisonsNamed():
            return _decision(event, correlation_id=correlation_id, causation_id=causation_id)
    return envelope_for(
        payload, case_id=event.case_id, occurred_at=event.at, correlation_id=correlation_id, causation_id=causation_id
    )


def _routed(event: DisputeRouted) -> DisputeRoutedV1:
    return DisputeRoutedV1(
        route=Route(event.route),
        reason_code=event.reason_code,
        basis=event.basis,
        routed_on=local_date(event.at),
        first_received_on=event.first_received_on,
        registration_no=event.registration_no,
        agency_codes=list(event.agency_codes),
        mediation_consent=event.mediation_consent,
        lead_agency_code=event.lead_agency_code,
        channel=Channel(event.channel) if event.channel else None,
        restricted_to=list(event.restricted_to),
    )


def _review_completed(event: FilingReviewCompleted) -> FilingReviewCompletedV1:
    return FilingReviewCompletedV1(
        checks=[
            FilingReviewCompletedV1.CheckOutcome(
                check=FilingCheck(c.check), verdict=Verdict(c.verdict), basis=c.basis, overridden=c.overridden
            )
            for c in event.checks
        ],
        filing_deadline=event.filing_deadline,
        deadline_provisional=event.deadline_provisional,
        reconsideration_first=event.reconsideration_first,
        court_level=CourtLevel(event.court_level),
        mediable=event.mediable,
    )


# --- classification, lead agency, withdrawal, repeats, the directory (issue #4: C2, A1, O3) ---

Decision = DisputeClassified | LeadAgencyDecided | DisputeWithdrawn | RepeatFlagged | LiaisonsNamed


def _decision(
    event: Decision, *, correlation_id: UUID, causation_id: UUID | None
) -> Envelope[ContractModel] | HistoryNote:
    payload: ContractModel
    match event:
        case DisputeClassified():
            payload = DisputeClassifiedV1(
                major=event.major,
                group=event.group,
                sensitive=event.sensitive,
                reason_codes=list(event.reason_codes),
                manual=event.manual,
                alert=event.alert,
            )
        case LeadAgencyDecided():
            payload = LeadAgencyDecidedV1(
                lead_agency_code=event.lead_agency_code,
                agency_codes=list(event.agency_codes),
                decided_on=event.decided_on,
            )
        case DisputeWithdrawn():
            payload = DisputeWithdrawnV1(
                reason_code=event.reason_code, withdrawn_on=local_date(event.at), registration_no=event.registration_no
            )
        case RepeatFlagged() | LiaisonsNamed():
            return _note(event)
    return envelope_for(
        payload, case_id=event.case_id, occurred_at=event.at, correlation_id=correlation_id, causation_id=causation_id
    )


def _note(event: RepeatFlagged | LiaisonsNamed) -> HistoryNote:
    if isinstance(event, RepeatFlagged):
        summary = f"疑似重复：同一申请人已就同一行政行为登记争议 {event.earlier_registration_no}"
        details: dict[str, object] = {"summary": summary, "earlier_case_id": str(event.earlier_case_id)}
        action = "intake.dispute.repeat_flagged"
    else:
        summary = f"待通知 {event.agency_code} 的联络员（{event.liaison_count} 名）"
        details = {"summary": summary, "agency_code": event.agency_code, "liaison_count": event.liaison_count}
        action = "intake.dispute.liaisons_named"
    return HistoryNote(case_id=event.case_id, occurred_at=event.at, action=action, details=details, event_id=None)


def directory_envelope(event: AgencyChanged, *, correlation_id: UUID) -> Envelope[ContractModel]:
    """A directory change as published: reference data, no case, liaisons counted but not named."""
    payload = AgencyDirectoryChangedV1(
        code=event.code, name_zh=event.name_zh, kind=event.kind, change=event.change, liaison_count=event.liaison_count
    )
    return envelope_for(payload, case_id=None, occurred_at=event.at, correlation_id=correlation_id)
