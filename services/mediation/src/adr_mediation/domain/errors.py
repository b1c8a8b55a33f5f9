"""Mediation's domain errors; messages are for staff (Chinese) and carry no personal data."""

from uuid import UUID


class DomainError(Exception):
    """A rule of mediation refused the request."""


class MediationCaseNotFound(DomainError):
    """No mediation case has this id."""

    def __init__(self, mediation_case_id: UUID) -> None:
        super().__init__(f"未找到调解案件 {mediation_case_id}")
        self.mediation_case_id = mediation_case_id


class MediationAlreadyOpen(DomainError):
    """A dispute has one mediation case; a second routing must not open another."""

    def __init__(self, case_id: UUID, mediation_case_id: UUID) -> None:
        super().__init__(f"争议 {case_id} 已有调解案件 {mediation_case_id}，不能重复立案")
        self.case_id = case_id
        self.mediation_case_id = mediation_case_id


class InvalidTransition(DomainError):
    """The case's status does not allow the requested move (e.g. a closed case cannot close again)."""

    def __init__(self, mediation_case_id: UUID, current: str, target: str) -> None:
        super().__init__(f"调解案件 {mediation_case_id} 当前状态为“{current}”，不能变更为“{target}”")
        self.mediation_case_id = mediation_case_id
        self.current = current
        self.target = target


class DateBeforeOpening(DomainError):
    """An outcome cannot be dated before the mediation was opened."""

    def __init__(self, field: str) -> None:
        super().__init__(f"{field} 不得早于调解立案日期")
        self.field = field


class InvalidAgreement(DomainError):
    """The agreement's figures contradict each other."""


class InvalidNextRoute(DomainError):
    """A failed mediation goes on to filing or reconsideration only (A2, M3)."""


class PeriodNotExtendable(DomainError):
    """The mediation period is extended only with the parties' consent, while the case is active (Online-Med art.24)."""


class AgreementNotFound(DomainError):
    """The case has no agreement, or not the one named."""


class ObligationNotFound(DomainError):
    """The agreement has no obligation with this id."""

    def __init__(self, obligation_id: object) -> None:
        super().__init__(f"协议中没有该项义务（{obligation_id}）")


class ObligationsOutstanding(DomainError):
    """A case is closed as performed only when every obligation has been performed (W4)."""


class ConfirmationRefused(DomainError):
    """Judicial confirmation is asked once, for a signed agreement; a ruling answers a request."""


class InvalidRisk(DomainError):
    """A risk assessment names an unknown factor or no reason."""


class ConflictOfInterest(DomainError):
    """The person may not mediate this case (C4, J2): belongs to a party agency or declared a conflict."""


class DoubleBooked(DomainError):
    """A person is already in another session at that time."""


class InvalidSession(DomainError):
    """A session's times or participants do not make sense."""


class NoSubsidyFacts(DomainError):
    """No recorded fact justifies a subsidy (RULES.md §8: one case, mediated successfully and performed)."""


class SubsidyBatchClosed(DomainError):
    """An approved subsidy batch cannot change."""


class InvalidFollowUp(DomainError):
    """A follow-up visit is made after the case is resolved or withdrawn."""
