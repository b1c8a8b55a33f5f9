"""The state every part of a mediation case works on, and the checks they share (allowed moves, dates, obligations).

MediationCase (model.py) declares these as its dataclass fields; the parts (agreement_steps.py) inherit the checks.
"""

from datetime import date, datetime
from uuid import UUID

from adr_mediation.domain.agreement import (
    Agreement,
    Failure,
    Obligation,
)
from adr_mediation.domain.errors import (
    AgreementNotFound,
    DateBeforeOpening,
    InvalidAgreement,
    InvalidNextRoute,
    InvalidTransition,
)
from adr_mediation.domain.events import (
    DomainEvent,
    MediationClosed,
    Noted,
)
from adr_mediation.domain.status import (
    NEXT_ROUTES,
    OBLIGOR_KINDS,
    STATUS_LABEL,
    TRANSITIONS,
    MediationStatus,
    S,
    Stage,
)


class CaseState:
    """The mediation case's fields and the rules its steps share."""

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
    status: MediationStatus
    period_provisional: bool
    extended_days: int
    restricted_to: tuple[str, ...]
    difficulty: str
    agreement: Agreement | None
    failure: Failure | None
    closed_on: date | None
    closing_outcome: str | None
    court_case_no: str | None
    filed_on: date | None
    reopened_count: int
    version: int
    events: list[DomainEvent]

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
