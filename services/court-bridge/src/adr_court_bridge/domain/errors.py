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


class InvalidCaseNumber(DomainError):
    """The text is not a case number in the 2016 format (RULES.md §3.4)."""

    def __init__(self, text: str) -> None:
        super().__init__(f"案号“{text}”不符合格式（如（2026）鄂0503行初12号）")
        self.text = text


class UnknownTypeCode(DomainError):
    """The type code is not in the configured table (RULES.md §3.3)."""

    def __init__(self, code: str) -> None:
        super().__init__(f"类型代字“{code}”不在类型代字表中")
        self.code = code


class InvalidCourtCode(DomainError):
    """The configured court code is not 最高法, a province abbreviation, or one plus 2 or 4 digits."""

    def __init__(self, code: str) -> None:
        super().__init__(f"法院代字“{code}”无效（应为省份简称，或其后加2位或4位数字）")
        self.code = code
