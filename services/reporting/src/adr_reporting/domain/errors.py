"""Reporting's refusals, shown to staff as problem+json with a Chinese detail."""


class ReportingError(Exception):
    """A rule of reporting refused the request (422)."""


class NotFound(ReportingError):
    """Nothing with this id or code (404)."""


class Conflict(ReportingError):
    """The request does not fit the current state (409)."""


class PersonalDataRemains(ReportingError):
    """A typical case still names or identifies someone: it cannot be published (R3)."""

    def __init__(self, findings: list[str]) -> None:
        super().__init__("案例中仍含个人信息，不能发布：" + "；".join(findings))
        self.findings = findings
