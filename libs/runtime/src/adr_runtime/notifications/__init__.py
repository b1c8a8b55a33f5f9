"""Notifications, one capability for every service: Chinese templates; in-app, e-mail and SMS channels;
delivery records with retries and backoff; acknowledgements where the recipient must confirm."""

from adr_runtime.notifications.channels import (
    SMS_GATEWAYS,
    ChannelSender,
    EmailSender,
    HttpSmsConfig,
    HttpSmsGateway,
    OutgoingMessage,
    SmsGateway,
    SmsSender,
    SmtpConfig,
    register_sms_gateway,
)
from adr_runtime.notifications.inbox import inbox_router, recipient_refs, role_ref, staff_ref
from adr_runtime.notifications.model import (
    CHANNEL_ZH,
    STATUS_ZH,
    ChannelKind,
    DeliveryError,
    DeliveryStatus,
    Notice,
    Recipient,
    RetryPolicy,
    UnknownTemplate,
)
from adr_runtime.notifications.notifier import (
    ADDRESS_CONTEXT,
    AddressSealer,
    Notifier,
    SweepResult,
    mask_address,
)
from adr_runtime.notifications.reader import DeliveryView, NoticeNotFound, NoticeView
from adr_runtime.notifications.settings import NotificationSettings
from adr_runtime.notifications.tables import NotificationTables, notification_tables
from adr_runtime.notifications.templates import BUILT_IN, Rendered, Template, TemplateCatalog

__all__ = [
    "ADDRESS_CONTEXT",
    "BUILT_IN",
    "CHANNEL_ZH",
    "SMS_GATEWAYS",
    "STATUS_ZH",
    "AddressSealer",
    "ChannelKind",
    "ChannelSender",
    "DeliveryError",
    "DeliveryStatus",
    "DeliveryView",
    "EmailSender",
    "HttpSmsConfig",
    "HttpSmsGateway",
    "Notice",
    "NoticeNotFound",
    "NoticeView",
    "NotificationSettings",
    "NotificationTables",
    "Notifier",
    "OutgoingMessage",
    "Recipient",
    "Rendered",
    "RetryPolicy",
    "SmsGateway",
    "SmsSender",
    "SmtpConfig",
    "SweepResult",
    "Template",
    "TemplateCatalog",
    "UnknownTemplate",
    "mask_address",
    "notification_tables",
    "inbox_router",
    "recipient_refs",
    "register_sms_gateway",
    "role_ref",
    "staff_ref",
]
