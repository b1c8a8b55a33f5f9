"""The dispute as intake knows it: registered first (先登后调), then routed once."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from adr_intake.domain.classification import Classification
from adr_intake.domain.errors import (
    AgencyNotInvolved,
    AlreadyRouted,
    AlreadyWithdrawn,
    BasisRequired,
    LeadAgencyAlreadyDecided,
    SingleAgency,
    WithdrawalAfterRouting,
)
from adr_intake.domain.events import (
    DisputeClassified,
    DisputeRegistered,
    DisputeRouted,
    DisputeWithdrawn,
    DomainEvent,
    LeadAgencyDecided,
    LiaisonsNamed,
    RepeatFlagged,
    StageChanged,
)
from adr_intake.domain.registration import ReconsiderationRecord
from adr_intake.domain.review import FilingReview

COURT_DELEGATION = "court_delegation"


class Stage(StrEnum):
    """Where the dispute stands, as shown on the centre's board (C1)."""

    REGISTERED = "registered"  # 已登记，待审查分流
    ROUTED_TO_MEDIATION = "routed_to_mediation"  # 已分流至调解
    MEDIATING = "mediating"  # 调解中
    AGREED = "agreed"  # 已达成和解协议
    MEDIATION_FAILED = "mediation_failed"  # 调解不成
    ROUTED_TO_FILING = "routed_to_filing"  # 转立案
    ROUTED_TO_RECONSIDERATION = "routed_to_reconsideration"  # 引导复议
    NOT_ACCEPTED = "not_accepted"  # 不予受理
    WITHDRAWN = "withdrawn"  # 已撤回
    RESOLVED = "resolved"  # 调解结案（协议履行完毕、撤回申请或机关自行纠正）
    FILED_IN_COURT = "filed_in_court"  # 法院已立案


# How far along each stage is; what other institutions report never moves a dispute back (see move_to).
_PROGRESS = {
    Stage.REGISTERED: 0,
    Stage.ROUTED_TO_MEDIATION: 1,
    Stage.ROUTED_TO_FILING: 1,
    Stage.ROUTED_TO_RECONSIDERATION: 1,
    Stage.MEDIATING: 2,
    Stage.AGREED: 3,
    Stage.MEDIATION_FAILED: 3,
    Stage.RESOLVED: 4,
    Stage.FILED_IN_COURT: 4,
    Stage.NOT_ACCEPTED: 5,
    Stage.WITHDRAWN: 5,
}

_STAGE_OF_ROUTE = {
    "mediation": Stage.ROUTED_TO_MEDIATION,
    "filing": Stage.ROUTED_TO_FILING,
    "reconsideration": Stage.ROUTED_TO_RECONSIDERATION,
    "not_accepted": Stage.NOT_ACCEPTED,
}


@dataclass(frozen=True)
class Applicant:
    """An applicant (personal data: stored by intake, never logged)."""

    kind: str
    name: str
    id_no: str | None = None
    phone: str | None = None


@dataclass
class Dispute:
    """The aggregate; methods check the rule, change state and record the event."""

    id: UUID
    registration_no: str
    channel: str
    received_on: date
    registered_at: datetime
    agency_codes: tuple[str, ...]
    act_type: str
    # Personal data is given at registration and sealed in storage: a dispute loaded for a later
    # change carries no identities (applicants == (), claims_summary None); see applicant_count.
    applicants: tuple[Applicant, ...]
    claims_summary: str | None
    mediation_consent: bool
    stage: Stage = Stage.REGISTERED
    route: str | None = None
    act_doc_no: str | None = None
    amount_yuan: int | None = None
    # the contested act's facts (RULES.md §1.0), optional at registration
    act_made_on: date | None = None  # 作出日
    act_served_on: date | None = None  # 送达日
    act_known_on: date | None = None  # 知道或者应当知道之日
    postmark_on: date | None = None  # 邮戳日
    claim_types: tuple[str, ...] = ()  # codes of filing.claim.CLAIM_TYPES
    reconsideration: ReconsiderationRecord | None = None
    applicant_count: int = 0
    repeat_of: UUID | None = None
    classification: Classification = field(default_factory=Classification)
    lead_agency_code: str | None = None  # with one agency involved, that agency (谁主管谁负责)
    lead_agency_reasons: str | None = None
    restricted_to: tuple[str, ...] = ()  # the only staff who may see it (O3); set through the repository
    lead_agency_decided_on: date | None = None
    liaisons_to_notify: tuple[UUID, ...] = ()
    withdrawal_reason_code: str | None = None
    withdrawn_at: datetime | None = None
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def register(cls, **facts: object) -> "Dispute":
        """Registers a dispute before anything else; a court delegation with consent goes to mediation."""
        dispute = cls(**facts)  # type: ignore[arg-type]
        dispute.applicant_count = len(dispute.applicants)
        dispute.events.append(
            DisputeRegistered(
                case_id=dispute.id,
                at=dispute.registered_at,
                registration_no=dispute.registration_no,
                channel=dispute.channel,
                received_on=dispute.received_on,
                agency_codes=dispute.agency_codes,
                act_type=dispute.act_type,
                applicant_count=len(dispute.applicants),
            )
        )
        if dispute.channel == COURT_DELEGATION and dispute.mediation_consent:
            # K1: the court already delegated the dispute to the centre with the parties' consent.
            dispute.route_to("mediation", reason_code="court_delegation", basis=None, now=dispute.registered_at)
        return dispute

    def route_to(self, route: str, *, reason_code: str, basis: str | None, now: datetime) -> None:
        """Sends the dispute on, once; not accepting it needs the law cited."""
        self._refuse_if_withdrawn()
        if self.route is not None:
            raise AlreadyRouted(self.id, self.route)
        if route == "not_accepted" and not basis:
            raise BasisRequired()
        self.route, self.stage, self.version = route, _STAGE_OF_ROUTE[route], self.version + 1
        self.events.append(
            DisputeRouted(
                case_id=self.id,
                at=now,
                route=route,
                reason_code=reason_code,
                basis=basis,
                registration_no=self.registration_no,
                first_received_on=self.received_on,
                agency_codes=self.agency_codes,
                mediation_consent=self.mediation_consent,
                lead_agency_code=self.lead_agency_code,
                channel=self.channel,
                restricted_to=self.restricted_to,
            )
        )

    def complete_filing_review(self, review: FilingReview) -> None:
        """Records the reviewed eight checks (M4), then routes as the reviewer decided, in that order."""
        self._refuse_if_withdrawn()
        if self.route is not None:
            raise AlreadyRouted(self.id, self.route)
        self.events.append(review.completed())
        decision = review.decision
        self.route_to(
            decision.route.value, reason_code=decision.reason_code, basis=decision.basis, now=review.reviewed_at
        )

    def move_to(self, stage: Stage, *, now: datetime, reopened: bool = False) -> None:
        """Follows what another institution reported (mediation opened, agreed, failed, closed; filed).

        Events of different kinds may arrive in any order, so the board never moves back to an earlier
        stage (an "opened" arriving after "failed" changes nothing) unless the case was reopened.
        """
        if stage == self.stage or (not reopened and _PROGRESS[stage] < _PROGRESS[self.stage]):
            return
        self.stage, self.version = stage, self.version + 1
        self.events.append(StageChanged(case_id=self.id, at=now, stage=stage.value))

    # --- classification, lead agency, repeats, withdrawal (issue #4: C2, A1, O3, RULES.md §1.8) ---

    def flag_repeat(self, earlier_case_id: UUID, earlier_registration_no: str) -> None:
        """Links a new dispute to the earlier one of the same applicant against the same act."""
        self.repeat_of = earlier_case_id
        self.events.append(
            RepeatFlagged(
                case_id=self.id,
                at=self.registered_at,
                earlier_case_id=earlier_case_id,
                earlier_registration_no=earlier_registration_no,
            )
        )

    def classify(self, classification: Classification, *, now: datetime) -> None:
        """Sets the flags (by the rules or by hand); becoming major alerts the centre at once (C2)."""
        self._refuse_if_withdrawn()
        if classification == self.classification:
            return
        alert = classification.major and not self.classification.major
        self.classification, self.version = classification, self.version + 1
        self.events.append(
            DisputeClassified(
                case_id=self.id,
                at=now,
                major=classification.major,
                group=classification.group,
                sensitive=classification.sensitive,
                reason_codes=classification.reason_codes,
                manual=classification.manual,
                alert=alert,
            )
        )

    def name_responsible_agency(self, liaisons: tuple[UUID, ...], *, now: datetime) -> None:
        """With one agency involved, it is responsible and its liaisons are the ones to notify (A1)."""
        if len(self.agency_codes) != 1:
            return
        self.lead_agency_code = self.agency_codes[0]
        self._name_liaisons(liaisons, now)

    def decide_lead_agency(
        self, code: str, *, reasons: str, decided_on: date, liaisons: tuple[UUID, ...], now: datetime
    ) -> None:
        """Records the lead agency the Justice Bureau and the court chose among several (A1)."""
        self._refuse_if_withdrawn()
        if len(self.agency_codes) < 2:
            raise SingleAgency(self.id)
        if code not in self.agency_codes:
            raise AgencyNotInvolved(self.id, code)
        if self.lead_agency_code is not None:
            raise LeadAgencyAlreadyDecided(self.id, self.lead_agency_code)
        self.lead_agency_code, self.lead_agency_reasons, self.lead_agency_decided_on = code, reasons, decided_on
        self.version += 1
        self.events.append(
            LeadAgencyDecided(
                case_id=self.id, at=now, lead_agency_code=code, agency_codes=self.agency_codes, decided_on=decided_on
            )
        )
        self._name_liaisons(liaisons, now)

    def withdraw(self, *, reason_code: str, now: datetime) -> None:
        """The applicant withdraws a dispute not yet routed (once routed, it ends where it went)."""
        self._refuse_if_withdrawn()
        if self.route is not None:
            raise WithdrawalAfterRouting(self.id, self.route)
        self.stage, self.withdrawal_reason_code, self.withdrawn_at = Stage.WITHDRAWN, reason_code, now
        self.version += 1
        self.events.append(
            DisputeWithdrawn(case_id=self.id, at=now, reason_code=reason_code, registration_no=self.registration_no)
        )

    def _name_liaisons(self, liaisons: tuple[UUID, ...], now: datetime) -> None:
        self.liaisons_to_notify = liaisons
        assert self.lead_agency_code is not None
        self.events.append(
            LiaisonsNamed(case_id=self.id, at=now, agency_code=self.lead_agency_code, liaison_count=len(liaisons))
        )

    def _refuse_if_withdrawn(self) -> None:
        if self.stage is Stage.WITHDRAWN:
            raise AlreadyWithdrawn(self.id)
