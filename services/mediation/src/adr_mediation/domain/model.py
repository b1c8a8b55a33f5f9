"""The mediation case: opened once per dispute routed to mediation, then agreed or failed."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from adr_mediation.domain.errors import (
    DateBeforeOpening,
    InvalidAgreement,
    InvalidNextRoute,
    InvalidTransition,
    MediationAlreadyOpen,
)
from adr_mediation.domain.events import AgreementReached, DomainEvent, MediationFailed, MediationOpened

COURT_DELEGATION = "court_delegation"


class Stage(StrEnum):
    """When in the dispute's life the mediation takes place (values of the contracts' MediationStage)."""

    PRE_LITIGATION = "pre_litigation"  # 诉前（中心分流）
    COURT_DELEGATED = "court_delegated"  # 法院委派


class MediationStatus(StrEnum):
    """Where the mediation stands."""

    OPEN = "open"  # 调解中
    AGREED = "agreed"  # 已达成和解协议
    FAILED = "failed"  # 调解不成


STATUS_LABEL = {
    MediationStatus.OPEN: "调解中",
    MediationStatus.AGREED: "已达成协议",
    MediationStatus.FAILED: "调解不成",
}

# The one table of allowed moves: an open case ends once, in agreement or in failure (Online-Med art.25).
TRANSITIONS: dict[MediationStatus, frozenset[MediationStatus]] = {
    MediationStatus.OPEN: frozenset({MediationStatus.AGREED, MediationStatus.FAILED}),
    MediationStatus.AGREED: frozenset(),
    MediationStatus.FAILED: frozenset(),
}

# A2, M3: a dispute that is not settled goes on to litigation or to reconsideration.
NEXT_ROUTES = frozenset({"filing", "reconsideration"})


def opens_mediation(route: str) -> bool:
    """Only a routing to mediation opens a mediation case; the other routes concern other institutions."""
    return route == "mediation"


def stage_for(reason_code: str) -> Stage:
    """A dispute the court delegated (委派, K1) is mediated as court-delegated; any other as pre-litigation."""
    return Stage.COURT_DELEGATED if reason_code == COURT_DELEGATION else Stage.PRE_LITIGATION


def period_end(opened_on: date, days: int) -> date:
    """The last day of the mediation period (Online-Med art.24: 30 days unless the parties agree to extend).

    The opening day is not counted (RULES.md §0.3), so the period ends ``days`` calendar days later.
    Calendar days for now: rolling an end that falls on a rest day or holiday to the next working day
    needs China's official holiday calendar, which comes with a later issue.
    """
    return opened_on + timedelta(days=days)


@dataclass(frozen=True)
class Referral:
    """What intake's routing tells mediation about a dispute (no personal data)."""

    case_id: UUID
    reason_code: str
    routed_on: date
    first_received_on: date
    registration_no: str
    agency_codes: tuple[str, ...]
    consent: bool


@dataclass(frozen=True)
class Agreement:
    """A settlement agreement (和解协议, W3): its date, obligations and whether confirmation is sought."""

    agreed_on: date
    obligation_count: int
    total_amount_fen: int | None
    confirmation_requested: bool


@dataclass(frozen=True)
class Failure:
    """Why the mediation ended without agreement, and where the dispute goes next."""

    failed_on: date
    reason: str
    next_route: str


@dataclass
class MediationCase:
    """The aggregate; methods check the rule, change state and record the event."""

    id: UUID
    case_id: UUID
    stage: Stage
    opened_at: datetime
    opened_on: date
    period_ends_on: date
    first_received_on: date
    registration_no: str
    agency_codes: tuple[str, ...]
    consent: bool
    status: MediationStatus = MediationStatus.OPEN
    agreement: Agreement | None = None
    failure: Failure | None = None
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def open(
        cls, referral: Referral, *, id: UUID, now: datetime, period_days: int, existing: "MediationCase | None"
    ) -> "MediationCase":
        """Opens the dispute's one mediation case on the day the centre routed it (refused if one exists)."""
        if existing is not None:
            raise MediationAlreadyOpen(referral.case_id, existing.id)
        case = cls(
            id=id,
            case_id=referral.case_id,
            stage=stage_for(referral.reason_code),
            opened_at=now,
            opened_on=referral.routed_on,
            period_ends_on=period_end(referral.routed_on, period_days),
            first_received_on=referral.first_received_on,
            registration_no=referral.registration_no,
            agency_codes=referral.agency_codes,
            consent=referral.consent,
        )
        case.events.append(
            MediationOpened(
                case_id=case.case_id, mediation_case_id=case.id, at=now, stage=case.stage.value,
                opened_on=case.opened_on, period_ends_on=case.period_ends_on,
            )
        )
        return case

    def reach_agreement(self, agreement: Agreement, *, now: datetime) -> None:
        """Records the settlement agreement and closes the case as agreed."""
        self._ensure_can_move(MediationStatus.AGREED)
        self._ensure_not_before_opening(agreement.agreed_on, "达成协议日期（agreed_on）")
        _check_figures(agreement)
        self.agreement = agreement
        self._move_to(MediationStatus.AGREED)
        self.events.append(
            AgreementReached(
                case_id=self.case_id, mediation_case_id=self.id, at=now, agreed_on=agreement.agreed_on,
                obligation_count=agreement.obligation_count, total_amount_fen=agreement.total_amount_fen,
                confirmation_requested=agreement.confirmation_requested,
            )
        )

    def fail(self, failure: Failure, *, now: datetime) -> None:
        """Closes the case without agreement and sends the dispute on, keeping the date first received."""
        self._ensure_can_move(MediationStatus.FAILED)
        self._ensure_not_before_opening(failure.failed_on, "调解终结日期（failed_on）")
        self._check_next_route(failure.next_route)
        self.failure = failure
        self._move_to(MediationStatus.FAILED)
        self.events.append(
            MediationFailed(
                case_id=self.case_id, mediation_case_id=self.id, at=now, failed_on=failure.failed_on,
                reason=failure.reason, next_route=failure.next_route, first_received_on=self.first_received_on,
            )
        )

    def _ensure_can_move(self, target: MediationStatus) -> None:
        if target not in TRANSITIONS[self.status]:
            raise InvalidTransition(self.id, STATUS_LABEL[self.status], STATUS_LABEL[target])

    def _move_to(self, target: MediationStatus) -> None:
        self._ensure_can_move(target)
        self.status, self.version = target, self.version + 1

    def _ensure_not_before_opening(self, day: date, label: str) -> None:
        if day < self.opened_on:
            raise DateBeforeOpening(label)

    def _check_next_route(self, next_route: str) -> None:
        if next_route not in NEXT_ROUTES:
            raise InvalidNextRoute("调解不成的，只能转立案（filing）或引导复议（reconsideration）")
        if self.stage is Stage.COURT_DELEGATED and next_route != "filing":
            # Online-Med art.21(2): when mediation delegated by the court before filing fails, the court files the case
            raise InvalidNextRoute("法院委派调解不成的，应当转立案（filing）（《人民法院在线调解规则》第二十一条）")


def _check_figures(agreement: Agreement) -> None:
    if agreement.obligation_count < 0:
        raise InvalidAgreement("义务项数（obligation_count）不得为负数")
    if agreement.total_amount_fen is None:
        return
    if agreement.total_amount_fen < 0:
        raise InvalidAgreement("金额（total_amount_fen）不得为负数")
    if agreement.total_amount_fen > 0 and agreement.obligation_count == 0:
        raise InvalidAgreement("协议约定了给付金额，义务项数（obligation_count）至少为 1")
