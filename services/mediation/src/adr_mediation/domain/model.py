"""The mediation case: opened once per dispute, worked in sessions, ended by agreement and its performance,
by failure, withdrawal or the agency's own correction; a broken promise found on a follow-up visit reopens it."""

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from adr_mediation.domain.agreement import (
    Agreement,
    Failure,
    Obligation,
    Referral,
    Signature,
)
from adr_mediation.domain.agreement_steps import AgreementSteps
from adr_mediation.domain.errors import (
    InvalidFollowUp,
    InvalidTransition,
    MediationAlreadyOpen,
    PeriodNotExtendable,
)
from adr_mediation.domain.events import (
    DomainEvent,
    FollowUpRecorded,
    MediationFailed,
    MediationOpened,
)
from adr_mediation.domain.status import (
    ACTIVE,
    ENDED,
    FOLLOW_UP_OUTCOMES,
    STATUS_LABEL,
    TRANSITIONS,
    MediationStatus,
    S,
    Stage,
    opens_mediation,
    period_end,
    period_warning,
    stage_for,
)
from adr_runtime import legal_time


@dataclass
class MediationCase(AgreementSteps):
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
    status: MediationStatus = MediationStatus.OPENED
    period_provisional: bool = False
    extended_days: int = 0
    restricted_to: tuple[str, ...] = ()
    difficulty: str = "ordinary"
    agreement: Agreement | None = None
    failure: Failure | None = None
    closed_on: date | None = None
    closing_outcome: str | None = None
    court_case_no: str | None = None
    filed_on: date | None = None
    reopened_count: int = 0
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def open(
        cls, referral: Referral, *, id: UUID, now: datetime, period_days: int, existing: "MediationCase | None"
    ) -> "MediationCase":
        """Opens the dispute's one mediation case on the day it was routed (refused if one exists)."""
        if existing is not None:
            raise MediationAlreadyOpen(referral.case_id, existing.id)
        end = period_end(referral.routed_on, period_days)
        case = cls(
            id=id,
            case_id=referral.case_id,
            stage=referral.stage or stage_for(referral.reason_code, referral.channel),
            opened_at=now,
            opened_on=referral.routed_on,
            period_ends_on=end.day,
            period_provisional=end.provisional,
            first_received_on=referral.first_received_on,
            registration_no=referral.registration_no,
            agency_codes=referral.agency_codes,
            consent=referral.consent,
            restricted_to=tuple(sorted(set(referral.restricted_to))),
        )
        case.events.append(
            MediationOpened(
                case_id=case.case_id,
                mediation_case_id=case.id,
                at=now,
                stage=case.stage.value,
                opened_on=case.opened_on,
                period_ends_on=case.period_ends_on,
            )
        )
        return case

    # -- the period ---------------------------------------------------------------------------------

    def extend_period(self, extra_days: int, *, consented_on: date, parties_consent: bool, now: datetime) -> None:
        """Extends the period by the parties' agreement (Online-Med art.24), counted from the current end."""
        if self.status not in ACTIVE:
            raise PeriodNotExtendable(f"案件状态为“{STATUS_LABEL[self.status]}”，调解期限不能延长")
        if not parties_consent:
            raise PeriodNotExtendable("延长调解期限须经各方当事人同意（parties_consent）")
        if extra_days < 1:
            raise PeriodNotExtendable("延长天数（extra_days）至少为 1 天")
        self._ensure_not_before_opening(consented_on, "同意延长日期（consented_on）")
        end = legal_time.days(self.period_ends_on, extra_days)
        previous = self.period_ends_on
        self.period_ends_on, self.period_provisional = end.day, end.provisional
        self.extended_days += extra_days
        self.version += 1
        self._note(
            now,
            "mediation.period.extended",
            {
                "from": previous.isoformat(),
                "to": end.day.isoformat(),
                "days": extra_days,
                "consented_on": consented_on.isoformat(),
            },
        )

    # -- sessions -------------------------------------------------------------------------------------

    def session_held(self, *, held_on: date) -> None:
        """The first session held moves a newly opened (or reopened) case into mediation proper."""
        self._ensure_not_before_opening(held_on, "会谈日期")
        if self.status in (S.OPENED, S.REOPENED):
            self._move_to(S.IN_SESSION)
        elif self.status not in (S.IN_SESSION, S.AGREEMENT):
            raise InvalidTransition(self.id, STATUS_LABEL[self.status], STATUS_LABEL[S.IN_SESSION])

    def withdraw(self, *, withdrawn_on: date, now: datetime) -> None:
        """The applicant withdraws the application (撤回申请)."""
        self._ensure_can_move(S.WITHDRAWN)
        self._end(S.WITHDRAWN, "withdrawn", withdrawn_on, now)

    def self_correct(self, *, corrected_on: date, now: datetime) -> None:
        """The agency corrected its own act and the dispute is resolved (M6, ALL art.62)."""
        self._ensure_can_move(S.SELF_CORRECTED)
        self._end(S.SELF_CORRECTED, "self_corrected", corrected_on, now)

    def fail(self, failure: Failure, *, now: datetime) -> None:
        """Ends the mediation without agreement and sends the dispute on, keeping the date first received."""
        self._ensure_can_move(S.FAILED)
        self._ensure_not_before_opening(failure.failed_on, "调解终结日期（failed_on）")
        self._check_next_route(failure.next_route)
        self.failure = failure
        self._move_to(S.FAILED)
        self.events.append(
            MediationFailed(
                case_id=self.case_id,
                mediation_case_id=self.id,
                at=now,
                failed_on=failure.failed_on,
                reason=failure.reason,
                next_route=failure.next_route,
                first_received_on=self.first_received_on,
            )
        )

    def record_follow_up(self, *, visited_on: date, outcome: str, now: datetime) -> bool:
        """A follow-up visit after resolution or withdrawal (回访, M10); a broken promise reopens the case."""
        if self.status not in ENDED:
            raise InvalidFollowUp(f"案件状态为“{STATUS_LABEL[self.status]}”，结案或撤回后方可回访")
        if outcome not in FOLLOW_UP_OUTCOMES:
            raise InvalidFollowUp("回访结果（outcome）只能是 settled、concerns_remain 或 promise_broken")
        if self.closed_on and visited_on < self.closed_on:
            raise InvalidFollowUp("回访日期（visited_on）不得早于结案日期")
        reopened = outcome == "promise_broken"
        if reopened:
            self._move_to(S.REOPENED)
            self.reopened_count += 1
        else:
            self.version += 1
        self.events.append(
            FollowUpRecorded(
                case_id=self.case_id,
                mediation_case_id=self.id,
                at=now,
                visited_on=visited_on,
                outcome=outcome,
                reopened=reopened,
            )
        )
        return reopened

    # -- the court ------------------------------------------------------------------------------------

    def filed_in_court(self, *, court_case_no: str, filed_on: date, now: datetime) -> None:
        """The court filed the dispute (after failure, or in parallel): the hand-off is closed on the timeline."""
        self.court_case_no, self.filed_on = court_case_no, filed_on
        self.version += 1
        self._note(
            now, "court.case.filed", {"court_case_no": court_case_no, "filed_on": filed_on.isoformat()}, source="court"
        )


# What the rest of the service imports from here (the parts live in status.py and agreement.py).
__all__ = [
    "TRANSITIONS",
    "Agreement",
    "Failure",
    "MediationCase",
    "MediationStatus",
    "Obligation",
    "Referral",
    "Signature",
    "Stage",
    "opens_mediation",
    "period_end",
    "period_warning",
]
