"""The mediation case: opened once per dispute, worked in sessions, ended by agreement and its performance,
by failure, withdrawal or the agency's own correction; a broken promise found on a follow-up visit reopens it."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from adr_mediation.domain.errors import (
    AgreementNotFound,
    ConfirmationRefused,
    DateBeforeOpening,
    InvalidAgreement,
    InvalidFollowUp,
    InvalidNextRoute,
    InvalidTransition,
    MediationAlreadyOpen,
    ObligationNotFound,
    ObligationsOutstanding,
    PeriodNotExtendable,
)
from adr_mediation.domain.events import (
    AgreementReached,
    ConfirmationRequested,
    DomainEvent,
    FollowUpRecorded,
    MediationClosed,
    MediationFailed,
    MediationOpened,
    Noted,
    ObligationFulfilled,
    ObligationOverdue,
)
from adr_runtime import legal_time

COURT_DELEGATION = "court_delegation"
RECONSIDERATION = "reconsideration"


class Stage(StrEnum):
    """When in the dispute's life the mediation takes place (values of the contracts' MediationStage)."""

    PRE_LITIGATION = "pre_litigation"  # 诉前（中心分流）
    RECONSIDERATION = "reconsideration"  # 复议阶段
    COURT_DELEGATED = "court_delegated"  # 法院委派
    IN_TRIAL = "in_trial"  # 诉中（法官主导）


class MediationStatus(StrEnum):
    """Where the mediation stands."""

    OPENED = "opened"  # 已受理
    IN_SESSION = "in_session"  # 调解中（已开始调解会谈）
    AGREEMENT = "agreement"  # 协议拟定、待签署
    PERFORMING = "performing"  # 协议已签署，履行中
    CLOSED = "closed"  # 履行完毕结案
    FAILED = "failed"  # 调解不成
    WITHDRAWN = "withdrawn"  # 撤回申请
    SELF_CORRECTED = "self_corrected"  # 行政机关自行纠正
    REOPENED = "reopened"  # 承诺未兑现，重新启动


S = MediationStatus

STATUS_LABEL = {
    S.OPENED: "已受理",
    S.IN_SESSION: "调解中",
    S.AGREEMENT: "协议待签署",
    S.PERFORMING: "协议履行中",
    S.CLOSED: "履行完毕结案",
    S.FAILED: "调解不成",
    S.WITHDRAWN: "撤回申请结案",
    S.SELF_CORRECTED: "自行纠正结案",
    S.REOPENED: "重新启动",
}

_WORKING = frozenset({S.AGREEMENT, S.FAILED, S.WITHDRAWN, S.SELF_CORRECTED})

# The one table of allowed moves.
TRANSITIONS: dict[MediationStatus, frozenset[MediationStatus]] = {
    S.OPENED: frozenset({S.IN_SESSION}) | _WORKING,
    S.IN_SESSION: _WORKING,
    # refusing to sign ends the mediation (Online-Med art.25); so may a withdrawal before signing
    S.AGREEMENT: frozenset({S.PERFORMING, S.FAILED, S.WITHDRAWN}),
    S.PERFORMING: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.WITHDRAWN: frozenset({S.REOPENED}),
    S.SELF_CORRECTED: frozenset({S.REOPENED}),
    S.FAILED: frozenset(),
    S.REOPENED: frozenset({S.IN_SESSION}) | _WORKING,
}

ACTIVE = frozenset({S.OPENED, S.IN_SESSION, S.AGREEMENT, S.REOPENED})  # the mediation period runs
ENDED = frozenset({S.CLOSED, S.WITHDRAWN, S.SELF_CORRECTED})  # resolved: follow-up visits are made

# A2, M3: a dispute that is not settled goes on to litigation or to reconsideration.
NEXT_ROUTES = frozenset({"filing", "reconsideration"})
OBLIGOR_KINDS = frozenset({"agency", "applicant", "third_party"})
REQUIRED_SIGNERS = frozenset({"applicant", "agency", "mediator"})  # 申请人、行政机关、调解员
FOLLOW_UP_OUTCOMES = frozenset({"settled", "concerns_remain", "promise_broken"})
WARN_DAYS = 5  # the period is shown as ending soon this many days before its end


def opens_mediation(route: str) -> bool:
    """Only a routing to mediation opens a mediation case; the other routes concern other institutions."""
    return route == "mediation"


def stage_for(reason_code: str, channel: str | None = None) -> Stage:
    """The stage from the channel the dispute came by (or the older court-delegation reason code)."""
    if channel == COURT_DELEGATION or reason_code == COURT_DELEGATION:
        return Stage.COURT_DELEGATED  # 委派, K1
    if channel == RECONSIDERATION:
        return Stage.RECONSIDERATION
    return Stage.PRE_LITIGATION


def period_end(opened_on: date, days: int) -> legal_time.PeriodEnd:
    """The last day of the mediation period (Online-Med art.24: 30 days unless the parties agree to extend).

    Counted as a legal period (RULES.md §0.3): the opening day is not counted and an end falling on a
    rest day or holiday moves to the next working day.
    """
    return legal_time.days(opened_on, days)


def period_warning(status: MediationStatus, period_ends_on: date, today: date) -> str | None:
    """``expired``, ``ending_soon`` or ``running`` while the period runs; None once the mediation has ended."""
    if status not in ACTIVE:
        return None
    left = (period_ends_on - today).days
    if left < 0:
        return "expired"
    return "ending_soon" if left <= WARN_DAYS else "running"


@dataclass(frozen=True)
class Referral:
    """What intake's routing (or a court's request) tells mediation about a dispute (no personal data)."""

    case_id: UUID
    reason_code: str
    routed_on: date
    first_received_on: date
    registration_no: str
    agency_codes: tuple[str, ...]
    consent: bool
    channel: str | None = None
    restricted_to: tuple[str, ...] = ()
    stage: Stage | None = None  # given when opened by hand (in trial, in reconsideration)


@dataclass(frozen=True)
class Obligation:
    """What one side promised: who, what, how much, by when; and when it was performed, with evidence (W4)."""

    id: UUID
    obligor_kind: str
    description: str
    due_on: date
    agency_code: str | None = None
    amount_fen: int | None = None
    fulfilled_on: date | None = None
    evidence_note: str | None = None
    overdue_noticed_on: date | None = None

    @property
    def fulfilled(self) -> bool:
        return self.fulfilled_on is not None

    @property
    def late(self) -> bool:
        return self.fulfilled_on is not None and self.fulfilled_on > self.due_on


@dataclass(frozen=True)
class Signature:
    """Who signed the agreement for which side, and when."""

    role: str
    name: str
    signed_on: date


@dataclass(frozen=True)
class Agreement:
    """A settlement agreement (和解协议, W3): drafted with its obligations, then signed, then performed."""

    id: UUID
    drafted_on: date
    terms: str
    obligations: tuple[Obligation, ...]
    confirmation_requested: bool = False
    signatures: tuple[Signature, ...] = ()
    agreed_on: date | None = None  # the day the last required side signed
    confirmation_requested_on: date | None = None
    ruling_outcome: str | None = None
    ruling_no: str | None = None
    ruled_on: date | None = None

    @property
    def obligation_count(self) -> int:
        return len(self.obligations)

    @property
    def total_amount_fen(self) -> int | None:
        amounts = [o.amount_fen for o in self.obligations if o.amount_fen is not None]
        return sum(amounts) if amounts else None

    @property
    def signed(self) -> bool:
        return self.agreed_on is not None

    @property
    def enforceable(self) -> bool:
        """Confirmed by the court's ruling (行政诉前调解书, Split-Op art.6)."""
        return self.ruling_outcome == "confirmed"

    def obligation(self, obligation_id: UUID) -> Obligation:
        for item in self.obligations:
            if item.id == obligation_id:
                return item
        raise ObligationNotFound(obligation_id)

    def with_obligation(self, changed: Obligation) -> "Agreement":
        return replace(self, obligations=tuple(changed if o.id == changed.id else o for o in self.obligations))


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
                case_id=case.case_id, mediation_case_id=case.id, at=now, stage=case.stage.value,
                opened_on=case.opened_on, period_ends_on=case.period_ends_on,
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
        self._note(now, "mediation.period.extended", {
            "from": previous.isoformat(), "to": end.day.isoformat(), "days": extra_days,
            "consented_on": consented_on.isoformat(),
        })

    # -- sessions -------------------------------------------------------------------------------------

    def session_held(self, *, held_on: date) -> None:
        """The first session held moves a newly opened (or reopened) case into mediation proper."""
        self._ensure_not_before_opening(held_on, "会谈日期")
        if self.status in (S.OPENED, S.REOPENED):
            self._move_to(S.IN_SESSION)
        elif self.status not in (S.IN_SESSION, S.AGREEMENT):
            raise InvalidTransition(self.id, STATUS_LABEL[self.status], STATUS_LABEL[S.IN_SESSION])

    # -- the agreement --------------------------------------------------------------------------------

    def draft_agreement(self, agreement: Agreement, *, now: datetime) -> None:
        """Records the agreement's text and obligations for signature; redrafting is allowed until signed."""
        if self.status is not S.AGREEMENT:
            self._ensure_can_move(S.AGREEMENT)
        self._ensure_not_before_opening(agreement.drafted_on, "协议拟定日期（drafted_on）")
        self._check_obligations(agreement.obligations)
        redraft = self.status is S.AGREEMENT
        self.agreement = replace(agreement, signatures=(), agreed_on=None)
        if redraft:
            self.version += 1
        else:
            self._move_to(S.AGREEMENT)
        self._note(now, "mediation.agreement.drafted", {
            "obligations": agreement.obligation_count, "redraft": redraft,
        })

    def sign_agreement(self, signatures: tuple[Signature, ...], *, now: datetime) -> None:
        """Records signatures; once the applicant, the agency and the mediator have signed, the agreement
        takes effect on the last signature's date and its performance begins (AgreementReachedV1)."""
        agreement = self._current_agreement()
        if self.status is not S.AGREEMENT:
            raise InvalidTransition(self.id, STATUS_LABEL[self.status], STATUS_LABEL[S.PERFORMING])
        for signature in signatures:
            if signature.role not in REQUIRED_SIGNERS:
                raise InvalidAgreement("签署方（role）只能是 applicant、agency 或 mediator")
            if not signature.name.strip():
                raise InvalidAgreement("签署人姓名（name）不能为空")
            if signature.signed_on < agreement.drafted_on:
                raise InvalidAgreement("签署日期（signed_on）不得早于协议拟定日期")
        kept = {s.role: s for s in agreement.signatures}
        kept.update({s.role: s for s in signatures})
        ordered = tuple(kept[role] for role in sorted(kept))
        agreement = replace(agreement, signatures=ordered)
        self.agreement = agreement
        if kept.keys() >= REQUIRED_SIGNERS:
            agreed_on = max(s.signed_on for s in ordered)
            self.agreement = agreement = replace(agreement, agreed_on=agreed_on)
            self._move_to(S.PERFORMING)
            self.events.append(
                AgreementReached(
                    case_id=self.case_id, mediation_case_id=self.id, at=now, agreed_on=agreed_on,
                    obligation_count=agreement.obligation_count, total_amount_fen=agreement.total_amount_fen,
                    confirmation_requested=agreement.confirmation_requested,
                )
            )
        else:
            self.version += 1
            self._note(now, "mediation.agreement.signed_in_part", {"roles": sorted(kept)})

    def request_confirmation(self, *, requested_on: date, now: datetime) -> None:
        """The parties jointly apply to the court for judicial confirmation of the signed agreement (W3)."""
        agreement = self._current_agreement()
        if agreement.agreed_on is None:
            raise ConfirmationRefused("协议尚未签署生效，不能申请司法确认")
        if agreement.confirmation_requested_on is not None:
            raise ConfirmationRefused("已就该协议申请司法确认，不能重复申请")
        if requested_on < agreement.agreed_on:
            raise ConfirmationRefused("申请日期（requested_on）不得早于协议生效日期")
        self.agreement = replace(agreement, confirmation_requested=True, confirmation_requested_on=requested_on)
        self.version += 1
        self.events.append(
            ConfirmationRequested(
                case_id=self.case_id, mediation_case_id=self.id, at=now, agreement_id=agreement.id,
                requested_on=requested_on, agreed_on=agreement.agreed_on, agency_codes=self.agency_codes,
                obligation_count=agreement.obligation_count, total_amount_fen=agreement.total_amount_fen,
            )
        )

    def record_ruling(self, *, agreement_id: UUID, outcome: str, ruling_no: str, ruled_on: date, now: datetime) -> None:
        """The court's ruling on the confirmation request; a confirmed agreement becomes enforceable."""
        agreement = self._current_agreement()
        if agreement.id != agreement_id:
            raise AgreementNotFound("裁定所指的协议不是本案现行协议")
        if agreement.confirmation_requested_on is None:
            raise ConfirmationRefused("该协议未申请司法确认")
        if agreement.ruling_outcome is not None:
            raise ConfirmationRefused("该协议已有司法确认裁定")
        self.agreement = replace(agreement, ruling_outcome=outcome, ruling_no=ruling_no, ruled_on=ruled_on)
        self.version += 1
        self._note(now, "court.confirmation.ruled", {"outcome": outcome, "ruling_no": ruling_no,
                                                     "ruled_on": ruled_on.isoformat()}, source="court")

    # -- obligations ----------------------------------------------------------------------------------

    def fulfil(self, obligation_id: UUID, *, fulfilled_on: date, evidence_note: str, now: datetime) -> None:
        """Records that an obligation was performed, with what shows it (W4)."""
        agreement = self._performing_agreement()
        item = agreement.obligation(obligation_id)
        if item.fulfilled:
            raise InvalidAgreement("该项义务已登记履行")
        if not evidence_note.strip():
            raise InvalidAgreement("请填写履行凭证说明（evidence_note）")
        if agreement.agreed_on and fulfilled_on < agreement.agreed_on:
            raise InvalidAgreement("履行日期（fulfilled_on）不得早于协议生效日期")
        done = replace(item, fulfilled_on=fulfilled_on, evidence_note=evidence_note.strip())
        self.agreement = agreement.with_obligation(done)
        self.version += 1
        self.events.append(
            ObligationFulfilled(
                case_id=self.case_id, mediation_case_id=self.id, at=now, obligation_id=item.id,
                obligor_kind=item.obligor_kind, agency_code=item.agency_code, due_on=item.due_on,
                fulfilled_on=fulfilled_on, late=done.late,
            )
        )

    def notice_overdue(self, obligation_id: UUID, *, today: date, now: datetime) -> bool:
        """Raises the overdue escalation once per obligation past its due date (W4, M10); False if nothing to do."""
        if self.status is not S.PERFORMING or self.agreement is None:
            return False
        item = self.agreement.obligation(obligation_id)
        if item.fulfilled or item.overdue_noticed_on is not None or item.due_on >= today:
            return False
        self.agreement = self.agreement.with_obligation(replace(item, overdue_noticed_on=today))
        self.version += 1
        self.events.append(
            ObligationOverdue(
                case_id=self.case_id, mediation_case_id=self.id, at=now, obligation_id=item.id,
                obligor_kind=item.obligor_kind, agency_code=item.agency_code, due_on=item.due_on,
                amount_fen=item.amount_fen,
            )
        )
        return True

    # -- endings --------------------------------------------------------------------------------------

    def close_performed(self, *, closed_on: date, now: datetime) -> None:
        """Closes the case once every obligation of the signed agreement has been performed."""
        agreement = self._performing_agreement()
        outstanding = [o for o in agreement.obligations if not o.fulfilled]
        if outstanding:
            raise ObligationsOutstanding(f"尚有 {len(outstanding)} 项义务未履行，不能以履行完毕结案")
        if agreement.agreed_on and closed_on < agreement.agreed_on:
            raise DateBeforeOpening("结案日期（closed_on）")
        self._end(S.CLOSED, "agreement_performed", closed_on, now)

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
                case_id=self.case_id, mediation_case_id=self.id, at=now, failed_on=failure.failed_on,
                reason=failure.reason, next_route=failure.next_route, first_received_on=self.first_received_on,
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
                case_id=self.case_id, mediation_case_id=self.id, at=now, visited_on=visited_on,
                outcome=outcome, reopened=reopened,
            )
        )
        return reopened

    # -- the court ------------------------------------------------------------------------------------

    def filed_in_court(self, *, court_case_no: str, filed_on: date, now: datetime) -> None:
        """The court filed the dispute (after failure, or in parallel): the hand-off is closed on the timeline."""
        self.court_case_no, self.filed_on = court_case_no, filed_on
        self.version += 1
        self._note(now, "court.case.filed", {"court_case_no": court_case_no, "filed_on": filed_on.isoformat()},
                   source="court")

    # -- helpers --------------------------------------------------------------------------------------

    def _end(self, target: MediationStatus, outcome: str, on: date, now: datetime) -> None:
        self._ensure_not_before_opening(on, "结案日期")
        self._move_to(target)
        self.closed_on, self.closing_outcome = on, outcome
        self.events.append(
            MediationClosed(case_id=self.case_id, mediation_case_id=self.id, at=now, outcome=outcome, closed_on=on)
        )

    def _current_agreement(self) -> Agreement:
        if self.agreement is None:
            raise AgreementNotFound("本案尚无和解协议")
        return self.agreement

    def _performing_agreement(self) -> Agreement:
        agreement = self._current_agreement()
        if self.status is not S.PERFORMING:
            raise InvalidTransition(self.id, STATUS_LABEL[self.status], STATUS_LABEL[S.CLOSED])
        return agreement

    def _check_obligations(self, obligations: tuple[Obligation, ...]) -> None:
        for item in obligations:
            if item.obligor_kind not in OBLIGOR_KINDS:
                raise InvalidAgreement("义务人类型（obligor_kind）只能是 agency、applicant 或 third_party")
            if item.obligor_kind == "agency" and item.agency_code not in self.agency_codes:
                raise InvalidAgreement("行政机关履行的义务须写明本案被申请机关代码（agency_code）")
            if not item.description.strip():
                raise InvalidAgreement("义务内容（description）不能为空")
            if item.amount_fen is not None and item.amount_fen < 0:
                raise InvalidAgreement("金额（amount_fen）不得为负数")
            self._ensure_not_before_opening(item.due_on, "履行期限（due_on）")

    def _note(self, now: datetime, action: str, details: dict[str, object], *, source: str = "mediation") -> None:
        self.events.append(Noted(case_id=self.case_id, at=now, action=action, details={**details, "source": source}))

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
