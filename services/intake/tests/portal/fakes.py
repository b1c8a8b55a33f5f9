"""The loopback SMTP server and SMS gateway of the portal's tests (shared with the runtime's)."""

from adr_runtime.testing.fakes import MailBox, SmsGateway, free_port, sms_gateway, smtp_server

__all__ = ["MailBox", "SmsGateway", "free_port", "sms_gateway", "smtp_server"]
