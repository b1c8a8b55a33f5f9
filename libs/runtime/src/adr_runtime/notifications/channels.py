"""The channels that leave the building: e-mail over SMTP and SMS through a provider's gateway.

In-app notices need no sender: the notice row *is* the delivery (the inbox reads it).
"""

import asyncio
import json
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol
from uuid import UUID

from adr_runtime.clock import utc_now
from adr_runtime.notifications.model import DeliveryError


@dataclass(frozen=True)
class OutgoingMessage:
    """What a channel sends: the address (opened), the rendered texts and the notice's id."""

    notice_id: UUID
    address: str
    subject: str
    body: str
    sms_text: str


class ChannelSender(Protocol):
    """Sends one message; returns the provider's reference, or raises DeliveryError."""

    async def send(self, message: OutgoingMessage) -> str | None: ...


# --- e-mail ---


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to hand e-mail over."""

    host: str
    port: int = 25
    mail_from: str = "noreply@adr.invalid"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    use_ssl: bool = False
    timeout_seconds: float = 10.0


class EmailSender:
    """E-mail over SMTP (the standard library's client, in a worker thread)."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    async def send(self, message: OutgoingMessage) -> str | None:
        """Hands the message to the SMTP server; its Message-ID is the reference."""
        mail = EmailMessage()
        mail["From"] = self.config.mail_from
        mail["To"] = message.address
        mail["Subject"] = message.subject
        mail["Date"] = format_datetime(utc_now())
        mail["Message-ID"] = make_msgid(idstring=message.notice_id.hex, domain="adr.invalid")
        mail["X-ADR-Notice"] = str(message.notice_id)
        mail.set_content(message.body, charset="utf-8")
        await asyncio.to_thread(self._send_blocking, mail)
        return str(mail["Message-ID"])

    def _send_blocking(self, mail: EmailMessage) -> None:
        config = self.config
        smtp_type = smtplib.SMTP_SSL if config.use_ssl else smtplib.SMTP
        try:
            with smtp_type(config.host, config.port, timeout=config.timeout_seconds) as client:
                if config.starttls and not config.use_ssl:
                    client.starttls(context=ssl.create_default_context())
                if config.username:
                    client.login(config.username, config.password or "")
                client.send_message(mail)
        except smtplib.SMTPResponseException as exc:
            raise DeliveryError(f"smtp_{exc.smtp_code}") from None
        except smtplib.SMTPRecipientsRefused:
            raise DeliveryError("smtp_recipient_refused") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"smtp_{type(exc).__name__}") from None


# --- SMS ---


class SmsGateway(Protocol):
    """One SMS provider; returns its message id, or raises DeliveryError."""

    async def send_sms(self, phone: str, text: str, *, reference: str) -> str | None: ...


class SmsSender:
    """The SMS channel over whichever gateway the settings name."""

    def __init__(self, gateway: SmsGateway) -> None:
        self.gateway = gateway

    async def send(self, message: OutgoingMessage) -> str | None:
        """Sends the short text through the gateway; the notice id is the idempotency reference."""
        return await self.gateway.send_sms(message.address, message.sms_text, reference=str(message.notice_id))


@dataclass(frozen=True)
class HttpSmsConfig:
    """A generic HTTP gateway: POST JSON to ``url`` with a bearer API key."""

    url: str
    api_key: str
    sender: str | None = None
    timeout_seconds: float = 10.0


class HttpSmsGateway:
    """POSTs ``{"to", "text", "reference", "sender"}``; a 2xx answer with ``{"id": ...}`` is success.

    The reference lets a gateway drop a retry of a message it already took.
    """

    def __init__(self, config: HttpSmsConfig) -> None:
        self.config = config

    async def send_sms(self, phone: str, text: str, *, reference: str) -> str | None:
        """Sends one SMS."""
        payload = {"to": phone, "text": text, "reference": reference, "sender": self.config.sender}
        return await asyncio.to_thread(self._post, json.dumps(payload, ensure_ascii=False).encode())

    def _post(self, data: bytes) -> str | None:
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            self.config.url,
            data=data,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.config.api_key}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout_seconds) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise DeliveryError(f"sms_http_{exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise DeliveryError(f"sms_{type(exc).__name__}") from None
        try:
            answer = json.loads(body or b"{}")
        except ValueError:
            return None
        ref = answer.get("id") if isinstance(answer, dict) else None
        return str(ref) if ref is not None else None


# One adapter per provider: settings name the provider; a deployment registers its own adapters here.
SmsGatewayFactory = Callable[..., SmsGateway]
SMS_GATEWAYS: dict[str, SmsGatewayFactory] = {
    "http": lambda settings: HttpSmsGateway(
        HttpSmsConfig(
            url=settings.sms_url,
            api_key=settings.sms_api_key.get_secret_value() if settings.sms_api_key else "",
            sender=settings.sms_sender,
            timeout_seconds=settings.send_timeout_seconds,
        )
    ),
}


def register_sms_gateway(provider: str, factory: SmsGatewayFactory) -> None:
    """Adds a provider's adapter (``factory(settings) -> SmsGateway``) under the name settings use."""
    SMS_GATEWAYS[provider] = factory
