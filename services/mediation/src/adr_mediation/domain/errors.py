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
