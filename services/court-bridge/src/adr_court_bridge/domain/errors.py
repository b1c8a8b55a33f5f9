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


class AlreadyFiled(DomainError):
    """The case was already filed; a dispute is filed once."""

    def __init__(self, case_id: UUID) -> None:
        super().__init__(f"争议 {case_id} 已经立案，不能重复立案")
        self.case_id = case_id


class FiledBeforeReceipt(DomainError):
    """The filing date lies before the date the dispute was first received."""

    def __init__(self, case_id: UUID) -> None:
        super().__init__(f"争议 {case_id} 的立案日期早于收件日，请核对")
        self.case_id = case_id


class ConsentRequired(DomainError):
    """Pre-filing delegation needs the parties' consent (自愿原则)."""

    def __init__(self) -> None:
        super().__init__("诉前委派调解须经当事人同意，未取得同意的应依法登记立案")


_SUGGESTION_REFUSALS = {
    "issue": "只有草拟中的司法建议可以发出",
    "reply": "只有已发出、待回复的司法建议可以登记回复",
    "drop": "只有草拟中的司法建议可以不予发出",
    "issue_without_agency": "发出司法建议须指明被建议机关",
    "reply_due_before_issue": "回复期限须晚于发出日期",
    "reply_before_issue": "回复日期不能早于发出日期",
}


class SuggestionStateError(DomainError):
    """The suggestion is not in a state that allows the action."""

    def __init__(self, suggestion_id: UUID, action: str) -> None:
        super().__init__(f"司法建议 {suggestion_id}：{_SUGGESTION_REFUSALS[action]}")
        self.suggestion_id = suggestion_id
        self.action = action


class RecordNotFound(DomainError):
    """No such record in court-bridge."""

    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"未找到{what} {key}")
        self.what = what


class HearingRefused(DomainError):
    """A hearing notice or appearance record breaks a rule of RULES.md §4."""


class DecisionRefused(DomainError):
    """A decision or appeal record breaks a rule of the appeal window."""


class PlanRefused(DomainError):
    """A resolution plan or its evidence cannot be accepted."""
