"""Court-bridge's domain errors; messages are for staff (Chinese) and carry no personal data."""

from uuid import UUID


class DomainError(Exception):
    """A rule of court-bridge refused the request."""


class FilingEntryNotFound(DomainError):
    """No dispute with this case id is waiting for filing."""

    def __init__(self, case_id: UUID) -> None:
        super().__init__(f"待立案队列中没有争议 {case_id}")
        self.case_id = case_id


class NotForFiling(DomainError):
    """The trigger sends the dispute somewhere other than filing."""

    def __init__(self, case_id: UUID, route: str) -> None:
        super().__init__(f"争议 {case_id} 的去向为“{route}”，不进入待立案队列")
        self.case_id = case_id
