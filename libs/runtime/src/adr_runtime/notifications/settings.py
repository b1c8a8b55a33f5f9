"""Notification settings a service's Settings embeds (``notifications: NotificationSettings = ...``).

With ``env_nested_delimiter="__"`` they read e.g. ``INTAKE_NOTIFICATIONS__SMTP_HOST``,
``INTAKE_NOTIFICATIONS__SMS_PROVIDER=http`` and ``INTAKE_NOTIFICATIONS__SMS_URL``.
"""

from pydantic import BaseModel, Field, SecretStr, model_validator

from adr_runtime.notifications.channels import (
    SMS_GATEWAYS,
    ChannelSender,
    EmailSender,
    SmsSender,
    SmtpConfig,
)
from adr_runtime.notifications.model import ChannelKind, RetryPolicy


class NotificationSettings(BaseModel):
    """SMTP, the SMS provider, and the retry policy."""

    smtp_host: str | None = None  # unset: e-mail deliveries wait (pending, then failed) and stay on record
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_ssl: bool = False
    mail_from: str = "noreply@adr.invalid"
    sms_provider: str = "none"  # "none", or a key of channels.SMS_GATEWAYS ("http")
    sms_url: str | None = None
    sms_api_key: SecretStr | None = None
    sms_sender: str | None = None
    send_timeout_seconds: float = Field(default=10.0, gt=0)
    retry_delays_seconds: tuple[float, ...] = (30.0, 120.0, 600.0, 3600.0)
    max_attempts: int = Field(default=5, ge=1)
    sweep_interval_seconds: float = Field(default=5.0, gt=0)

    @model_validator(mode="after")
    def _provider_is_known(self) -> "NotificationSettings":
        if self.sms_provider != "none" and self.sms_provider not in SMS_GATEWAYS:
            raise ValueError(f"unknown SMS provider {self.sms_provider!r}")
        if self.sms_provider == "http" and not self.sms_url:
            raise ValueError("the http SMS provider needs sms_url")
        return self

    def retry_policy(self) -> RetryPolicy:
        """The backoff between attempts."""
        return RetryPolicy(delays_seconds=self.retry_delays_seconds, max_attempts=self.max_attempts)

    def senders(self) -> dict[ChannelKind, ChannelSender]:
        """The configured outgoing channels (a channel left unconfigured is absent)."""
        senders: dict[ChannelKind, ChannelSender] = {}
        if self.smtp_host:
            senders[ChannelKind.EMAIL] = EmailSender(
                SmtpConfig(
                    host=self.smtp_host,
                    port=self.smtp_port,
                    mail_from=self.mail_from,
                    username=self.smtp_username,
                    password=self.smtp_password.get_secret_value() if self.smtp_password else None,
                    starttls=self.smtp_starttls,
                    use_ssl=self.smtp_ssl,
                    timeout_seconds=self.send_timeout_seconds,
                )
            )
        if self.sms_provider != "none":
            senders[ChannelKind.SMS] = SmsSender(SMS_GATEWAYS[self.sms_provider](self))
        return senders
