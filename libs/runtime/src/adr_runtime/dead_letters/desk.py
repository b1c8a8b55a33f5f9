"""Reading, replaying and discarding one service's dead letters."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nats.js.errors import NotFoundError
from pydantic import ValidationError

from adr_contracts import registry
from adr_contracts.services import ServiceName
from adr_contracts.subjects import DEADLETTER_STREAM, deadletter_subject
from adr_runtime import deadletter as headers
from adr_runtime.consumer import RejectedEvent, Subscription, apply_once, describe_rejection, parse_delivered
from adr_runtime.context import ServiceContext
from adr_runtime.receipts.recording import all_subscriptions


class DeadLetterNotFound(LookupError):
    """No dead letter of this service has that sequence number."""

    def __init__(self, sequence: int) -> None:
        super().__init__(f"死信 {sequence} 不存在或不属于本服务")


class ReplayRefused(ValueError):
    """The corrected document cannot be replayed (it does not parse, or it changes the event's id)."""


class LetterStillRejected(RuntimeError):
    """The handler refused the event again; the letter stays where it is."""


@dataclass(frozen=True)
class DeadLetter:
    """One rejected message with where it came from and why it was rejected."""

    sequence: int
    subject: str
    stream: str
    original_sequence: int | None
    consumer: str
    reason: str
    deliveries: int | None
    stored_at: datetime | None
    body: bytes

    @property
    def event_id(self) -> str | None:
        """The event's id, when the body is JSON with an ``id``."""
        document = self.document
        value = document.get("id") if isinstance(document, dict) else None
        return str(value) if value is not None else None

    @property
    def case_id(self) -> str | None:
        """The case (CloudEvents ``subject``), when the body names one."""
        document = self.document
        value = document.get("subject") if isinstance(document, dict) else None
        return str(value) if value is not None else None

    @property
    def document(self) -> Any:
        """The body as JSON, or ``None`` when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    @property
    def pretty_body(self) -> str:
        """The body for an operator to read and correct (indented JSON, else the raw text)."""
        document = self.document
        if document is None:
            return self.body.decode("utf-8", errors="replace")
        return json.dumps(document, ensure_ascii=False, indent=2)


def _letter(raw: Any) -> DeadLetter:
    found = raw.headers or {}

    def number(key: str) -> int | None:
        value = found.get(key)
        return int(value) if value and str(value).isdigit() else None

    return DeadLetter(
        sequence=raw.seq,
        subject=found.get(headers.HEADER_SUBJECT, ""),
        stream=found.get(headers.HEADER_STREAM, ""),
        original_sequence=number(headers.HEADER_SEQUENCE),
        consumer=found.get(headers.HEADER_CONSUMER, ""),
        reason=found.get(headers.HEADER_REASON, ""),
        deliveries=number(headers.HEADER_DELIVERIES),
        stored_at=getattr(raw, "time", None),
        body=raw.data or b"",
    )


class DeadLetterDesk:
    """One service's dead letters in ``ADR_DEADLETTER``."""

    def __init__(self, js: Any, service: ServiceName) -> None:
        self._js = js
        self._service = service
        self._subject = deadletter_subject(service)

    async def list(self, *, after: int = 0, limit: int = 100) -> list[DeadLetter]:
        """The service's letters with a sequence above ``after``, oldest first."""
        letters: list[DeadLetter] = []
        sequence = after + 1
        while len(letters) < limit:
            try:
                raw = await self._js.get_msg(DEADLETTER_STREAM, seq=sequence, subject=self._subject, next=True)
            except NotFoundError:
                break
            letters.append(_letter(raw))
            sequence = raw.seq + 1
        return letters

    async def count(self) -> int:
        """How many letters of this service are waiting."""
        info = await self._js.stream_info(DEADLETTER_STREAM, subjects_filter=self._subject)
        return int((info.state.subjects or {}).get(self._subject, 0))

    async def get(self, sequence: int) -> DeadLetter:
        """One letter; raises :class:`DeadLetterNotFound` for another service's or a missing one."""
        try:
            raw = await self._js.get_msg(DEADLETTER_STREAM, seq=sequence)
        except NotFoundError:
            raise DeadLetterNotFound(sequence) from None
        if raw.subject != self._subject:
            raise DeadLetterNotFound(sequence)
        return _letter(raw)

    async def discard(self, sequence: int) -> DeadLetter:
        """Removes a letter (the caller records why)."""
        letter = await self.get(sequence)
        await self._js.delete_msg(DEADLETTER_STREAM, sequence)
        return letter

    async def replay(
        self, ctx: ServiceContext, sequence: int, corrected: bytes | None = None
    ) -> tuple[DeadLetter, bool]:
        """Applies a letter (or its corrected document) as a live delivery would, then removes it.

        Returns the letter and whether it had an effect (``False``: the inbox already held the event).

        Raises:
            DeadLetterNotFound: no such letter of this service.
            ReplayRefused: the document does not parse, or a correction changes the event's id.
            LetterStillRejected: the handler refused it again (the letter stays).
        """
        letter = await self.get(sequence)
        subscription = self._subscription(ctx, letter.subject)
        body = corrected if corrected is not None else letter.body
        try:
            envelope = parse_delivered(letter.subject, body)
        except (ValidationError, ValueError, registry.UnknownSubject) as exc:
            raise ReplayRefused(f"文档仍无法通过契约校验：{describe_rejection(exc)}") from None
        if corrected is not None and letter.event_id is not None and str(envelope.event_id) != letter.event_id:
            raise ReplayRefused("更正后的文档不得改变事件编号（id），否则无法保证只处理一次")
        try:
            applied = await apply_once(
                ctx.sessions,
                ctx.tables,
                envelope,
                subject=letter.subject,
                durable=letter.consumer,
                handler=subscription.handler,
                body=letter.body,  # the receipt proves what arrived from the producer, not the correction
            )
        except RejectedEvent as exc:
            raise LetterStillRejected(f"处理程序再次拒绝该事件：{exc}") from None
        await self._js.delete_msg(DEADLETTER_STREAM, sequence)
        return letter, applied

    def _subscription(self, ctx: ServiceContext, subject: str) -> Subscription:
        for subscription in all_subscriptions(ctx):
            if subject == subscription.contract.SUBJECT:
                return subscription
        raise ReplayRefused(f"本服务不订阅主题 {subject}，无法重放")
