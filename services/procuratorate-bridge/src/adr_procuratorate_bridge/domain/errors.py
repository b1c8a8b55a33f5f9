"""Procuratorate-bridge's domain errors; messages are for staff (Chinese) and carry no personal data."""


class DomainError(Exception):
    """A rule of the procuratorate's studio refused the request."""


class NotFound(DomainError):
    """No such record."""


class Conflict(DomainError):
    """The request contradicts the record's current state (e.g. replying twice)."""
