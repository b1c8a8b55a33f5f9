"""What a notice is: a template with its parameters, for one recipient, over one or more channels."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID


class ChannelKind(StrEnum):
    """How a notice reaches its recipient."""

    IN_APP = "in_app"  # the staff inbox, or the applicant's status page
    EMAIL = "email"  # e-mail over SMTP
    SMS = "sms"  # SMS through the configured gateway


CHANNEL_ZH = {ChannelKind.IN_APP: "站内", ChannelKind.EMAIL: "电子邮件", ChannelKind.SMS: "短信"}


class DeliveryStatus(StrEnum):
    """Where one channel's delivery stands."""

    PENDING = "pending"  # waiting for (another) attempt
    SENT = "sent"  # handed to the channel (the SMTP server or the SMS gateway accepted it)
    FAILED = "failed"  # attempts exhausted; the notice itself stays on record


STATUS_ZH = {DeliveryStatus.PENDING: "待发送", DeliveryStatus.SENT: "已发送", DeliveryStatus.FAILED: "发送失败"}


@dataclass(frozen=True)
class Recipient:
    """Whom a notice is for.

    ``ref`` names the recipient without personal data: ``staff:<sign-in subject>`` for a staff
    member's inbox, ``applicant:<case id>`` for an applicant following a dispute on the portal.
    The e-mail address and the phone number are personal data: stored sealed when the service
    gives a sealer, shown masked.
    """

    ref: str
    email: str | None = None
    phone: str | None = None
    # addresses kept sealed by the service (with the notifier's sealer, context ADDRESS_CONTEXT) are passed
    # as they are stored, with their masked forms: the notice is recorded without opening them
    sealed: bool = False
    email_masked: str | None = None
    phone_masked: str | None = None

    def masked(self, channel: ChannelKind) -> str | None:
        """The masked address given with sealed addresses."""
        return self.email_masked if channel is ChannelKind.EMAIL else self.phone_masked

    def address(self, channel: ChannelKind) -> str | None:
        """The address the channel needs (None for in-app)."""
        if channel is ChannelKind.EMAIL:
            return self.email
        if channel is ChannelKind.SMS:
            return self.phone
        return None


@dataclass(frozen=True)
class Notice:
    """One notice to send: rendered from ``template`` with ``params`` (codes and numbers, no personal data)."""

    template: str
    recipient: Recipient
    params: Mapping[str, Any] = field(default_factory=dict)
    channels: tuple[ChannelKind, ...] = (ChannelKind.IN_APP,)
    case_id: UUID | None = None
    requires_ack: bool = False  # the recipient must confirm receipt (e.g. notices to agency heads)


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff between attempts of one channel: the n-th failure waits ``delays[n-1]`` (the last repeats)."""

    delays_seconds: tuple[float, ...] = (30.0, 120.0, 600.0, 3600.0)
    max_attempts: int = 5
    lease_seconds: float = 120.0  # a claimed delivery is retried after this if the sender died mid-send

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or not self.delays_seconds:
            raise ValueError("a retry policy needs at least one attempt and one delay")

    def next_attempt(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after ``attempts`` failed attempts; None when they are exhausted."""
        if attempts >= self.max_attempts:
            return None
        delay = self.delays_seconds[min(attempts, len(self.delays_seconds)) - 1]
        return now + timedelta(seconds=delay)


class DeliveryError(Exception):
    """A channel refused or could not take a message; ``code`` is safe to store (no personal data)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code[:200]


class UnknownTemplate(KeyError):
    """No template of that key in the catalogue."""
