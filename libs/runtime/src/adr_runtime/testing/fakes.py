"""A real SMTP server (aiosmtpd) and a fake SMS gateway speaking HTTP, both on free loopback ports.

Shared by the notification tests of the runtime and of every service that sends notices.
"""

import email
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at the time of asking."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class MailBox:
    """What the SMTP server received."""

    port: int = 0
    messages: list[email.message.Message] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802, ARG002 (aiosmtpd's hook)
        """Keeps the message and its recipients."""
        self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"

    def subjects(self) -> list[str]:
        """The decoded subjects of the messages received."""
        return [str(make_header(decode_header(m["Subject"]))) for m in self.messages]


@contextmanager
def smtp_server() -> Iterator[MailBox]:
    """An SMTP server on a free port for the length of the block (aiosmtpd, a development dependency)."""
    from aiosmtpd.controller import Controller

    box = MailBox(port=free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class SmsGateway:
    """Answers 503 to the first ``fail_first`` requests, then 200 with a message id."""

    fail_first: int = 1
    requests: list[dict[str, Any]] = field(default_factory=list)
    auth: list[str] = field(default_factory=list)
    url: str = ""


@contextmanager
def sms_gateway(fail_first: int = 1, path: str = "/sms") -> Iterator[SmsGateway]:
    """A fake SMS provider on a free port for the length of the block."""
    gateway = SmsGateway(fail_first=fail_first)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            gateway.requests.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            gateway.auth.append(self.headers.get("Authorization", ""))
            if len(gateway.requests) <= gateway.fail_first:
                self.send_response(503)
                self.end_headers()
                return
            answer = json.dumps({"id": f"sms-{len(gateway.requests)}"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
