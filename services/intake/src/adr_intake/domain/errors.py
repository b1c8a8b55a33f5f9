"""Intake's domain errors; messages are for staff (Chinese) and carry no personal data."""

from uuid import UUID


class DomainError(Exception):
    """A rule of intake refused the request."""


class DisputeNotFound(DomainError):
    """No dispute has this id."""

    def __init__(self, case_id: UUID) -> None:
        super().__init__(f"未找到争议 {case_id}")
        self.case_id = case_id


class AlreadyRouted(DomainError):
    """The dispute has already been sent on; a second route would contradict the first."""

    def __init__(self, case_id: UUID, route: str) -> None:
        super().__init__(f"争议 {case_id} 已分流至“{route}”，不能再次分流")
        self.case_id = case_id


class BasisRequired(DomainError):
    """Not accepting a dispute requires the law relied on."""

    def __init__(self) -> None:
        super().__init__("不予受理必须写明法律依据（basis）")
