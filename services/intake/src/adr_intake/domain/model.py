"""The dispute as intake knows it: registered first (先登后调), then routed once."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from adr_intake.domain.errors import AlreadyRouted, BasisRequired
from adr_intake.domain.events import DisputeRegistered, DisputeRouted, DomainEvent, StageChanged

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
    applicants: tuple[Applicant, ...]
    claims_summary: str
    mediation_consent: bool
    stage: Stage = Stage.REGISTERED
    route: str | None = None
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def register(cls, **facts: object) -> "Dispute":
        """Registers a dispute before anything else; a court delegation with consent goes to mediation."""
        dispute = cls(**facts)  # type: ignore[arg-type]
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
            )
        )

    def move_to(self, stage: Stage, *, now: datetime) -> None:
        """Follows what another institution reported (mediation opened, agreed, failed)."""
        if stage == self.stage:
            return
        self.stage, self.version = stage, self.version + 1
        self.events.append(StageChanged(case_id=self.id, at=now, stage=stage.value))
