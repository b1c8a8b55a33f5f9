"""Durable, idempotent consumption of contracts, with delayed retries and a dead-letter stream.

Each subscription is a durable pull consumer (``batch_size=1`` so that one case's events are
applied in order). A message is parsed against its contract, then applied in one database
transaction together with its inbox row, so a redelivered event has no second effect. An event
from another institution also gets its hand-off receipt staged in that transaction (issue #10).

- A message that does not parse, or whose handler raises :class:`RejectedEvent`, cannot succeed
  on a retry: it goes to the dead-letter stream at once and the consumer moves on.
- Any other failure (database down, a bug) is handed back with a growing delay; after
  ``max_deliver`` deliveries it goes to the dead-letter stream as well. Nothing is dropped.
"""

import logging
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from faststream.nats import JStream, NatsBroker, PullSub
from faststream.nats.annotations import NatsMessage
from nats.js.api import INBOX_PREFIX
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts import ContractModel, Envelope, registry
from adr_contracts.services import ServiceName
from adr_contracts.subjects import durable_name, parse_subject, stream_name
from adr_runtime import metrics
from adr_runtime.deadletter import DeadLetterSink
from adr_runtime.inbox import claim
from adr_runtime.receipts.issuing import stage_receipt
from adr_runtime.signing import HEADER as SIGNATURE_HEADER
from adr_runtime.signing import SignatureRefused, Verifier
from adr_runtime.tables import MessagingTables

logger = logging.getLogger(__name__)

Handler = Callable[[AsyncSession, Envelope[Any]], Awaitable[None]]


class RejectedEvent(Exception):
    """Raised by a handler when an event can never be applied (a domain rule refuses it).

    The message must not contain personal data: it is stored with the dead letter.
    """


@dataclass(frozen=True)
class StreamPosition:
    """Where the event being applied sits in its stream (for read models that store their position)."""

    stream: str
    sequence: int


# set while a handler runs on a message from JetStream (None when a handler is called directly)
current_position: ContextVar[StreamPosition | None] = ContextVar("current_position", default=None)


def _position_of(msg: Any) -> StreamPosition | None:
    try:
        metadata = msg.raw_message.metadata
        return StreamPosition(stream=str(metadata.stream), sequence=int(metadata.sequence.stream))
    except (AttributeError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Subscription:
    """A service's handler for one contract."""

    contract: type[ContractModel]
    handler: Handler


@dataclass(frozen=True)
class RetryPolicy:
    """Delivery limits of the application (the server's max_deliver is one higher)."""

    max_deliver: int = 5
    delays_seconds: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0)

    def delay_after(self, deliveries: int) -> float:
        """The pause before the next delivery, after ``deliveries`` failed ones."""
        return self.delays_seconds[min(deliveries, len(self.delays_seconds)) - 1]


class ConsumerGroup:
    """Binds one service's subscriptions to a broker."""

    def __init__(
        self,
        *,
        service: ServiceName,
        sessions: async_sessionmaker[AsyncSession],
        tables: MessagingTables,
        dead_letters: DeadLetterSink,
        retry: RetryPolicy,
        verifier: Verifier | None = None,
        inbox_prefix: bytes | None = None,
    ) -> None:
        self._verifier = verifier
        self._inbox_prefix = inbox_prefix
        self._service = service
        self._sessions = sessions
        self._tables = tables
        self._dead_letters = dead_letters
        self._retry = retry

    def register_all(self, broker: NatsBroker, subscriptions: Sequence[Subscription]) -> None:
        """Registers every subscription on the broker (before ``broker.start()``)."""
        for subscription in subscriptions:
            self.register(broker, subscription)

    def register(self, broker: NatsBroker, subscription: Subscription) -> None:
        """Registers one durable pull subscriber for a contract."""
        subject = subscription.contract.SUBJECT
        if self._service not in subscription.contract.AUDIENCE:
            raise ValueError(f"{self._service} is not in the audience of {subject}")
        durable = durable_name(self._service, subject)
        stream = JStream(stream_name(parse_subject(subject).producer), declare=False)

        async def consume(msg: NatsMessage) -> None:
            await self._consume(msg, subject=subject, durable=durable, handler=subscription.handler)

        consume.__name__ = f"on_{durable}"
        # a pull subscriber does not inherit the broker's inbox prefix; the server's permissions need it
        pull = PullSub(batch_size=1, timeout=5.0)
        prefix = self._inbox_prefix or INBOX_PREFIX
        broker.subscriber(subject, stream=stream, durable=durable, pull_sub=pull, inbox_prefix=prefix)(consume)

    async def _consume(self, msg: Any, *, subject: str, durable: str, handler: Handler) -> None:
        if self._verifier is not None:
            try:
                self._verifier.verify(subject, msg.body, (msg.headers or {}).get(SIGNATURE_HEADER))
            except SignatureRefused as exc:
                metrics.SIGNATURES_REFUSED.labels(durable).inc()
                await self._dead_letter(msg, durable=durable, reason=str(exc))
                return
        try:
            envelope = parse_delivered(subject, msg.body)
        except (ValidationError, ValueError, registry.UnknownSubject) as exc:
            await self._dead_letter(msg, durable=durable, reason=describe_rejection(exc))
            return
        token = current_position.set(_position_of(msg))
        try:
            await self._apply(envelope, subject=subject, durable=durable, handler=handler, body=msg.body)
        except RejectedEvent as exc:
            await self._dead_letter(msg, durable=durable, reason=f"RejectedEvent: {exc}")
        except Exception as exc:
            await self._retry_or_dead_letter(msg, durable=durable, exc=exc)
        finally:
            current_position.reset(token)

    async def _apply(
        self, envelope: Envelope[Any], *, subject: str, durable: str, handler: Handler, body: bytes
    ) -> None:
        await apply_once(
            self._sessions, self._tables, envelope, subject=subject, durable=durable, handler=handler, body=body
        )

    async def _retry_or_dead_letter(self, msg: Any, *, durable: str, exc: Exception) -> None:
        deliveries = msg.raw_message.metadata.num_delivered
        if deliveries < self._retry.max_deliver:
            delay = self._retry.delay_after(deliveries)
            logger.warning(
                "event handling failed (%s); retry %d in %.0f s",
                type(exc).__name__,
                deliveries,
                delay,
                extra={"consumer": durable},
                exc_info=exc,
            )
            metrics.RETRIED.labels(durable).inc()
            await msg.nack(delay=delay)
            return
        await self._dead_letter(msg, durable=durable, reason=f"{type(exc).__name__} after {deliveries} deliveries")

    async def _dead_letter(self, msg: Any, *, durable: str, reason: str) -> None:
        await self._dead_letters.put(msg.raw_message, consumer=self._service, durable=durable, reason=reason)
        metrics.DEAD_LETTERED.labels(durable).inc()
        logger.error("event moved to the dead-letter stream: %s", reason, extra={"consumer": durable})
        await msg.reject()


async def apply_once(
    sessions: async_sessionmaker[AsyncSession],
    tables: MessagingTables,
    envelope: Envelope[Any],
    *,
    subject: str,
    durable: str,
    handler: Handler,
    body: bytes,
) -> bool:
    """Applies an event in one transaction with its inbox row; ``False`` when it was applied before.

    Live deliveries and an operator's replay of a dead letter both come through here. An event from
    another institution gets its receipt (the SHA-256 of ``body``) staged in the same transaction, so a
    receipt exists exactly when the effect does; a duplicate gets none, and a receipt gets none.

    Args:
        sessions: the consumer's session factory.
        tables: the consumer's messaging tables.
        envelope: the parsed event.
        subject: the subject it arrived on.
        durable: the durable consumer (also the inbox's consumer key).
        handler: the service's handler.
        body: the exact message body received (the stored body for a replayed dead letter).
    """
    async with sessions() as session, session.begin():
        fresh = await claim(session, tables, consumer=durable, event_id=str(envelope.event_id), subject=subject)
        if not fresh:
            metrics.DUPLICATES.labels(durable).inc()
            return False
        await handler(session, envelope)
        await stage_receipt(session, tables, envelope, subject=subject, durable=durable, body=body)
    metrics.CONSUMED.labels(durable).inc()
    return True


def parse_delivered(subject: str, body: bytes) -> Envelope[ContractModel]:
    """Validates a delivered message against its subject's contract (and the type it claims)."""
    envelope = registry.parse(subject, body)
    if envelope.event_type != subject:
        raise ValueError(f"envelope type {envelope.event_type!r} does not match its subject")
    return envelope


def describe_rejection(exc: Exception) -> str:
    """Why a message was rejected, naming fields but never echoing their values (personal data)."""
    if isinstance(exc, ValidationError):
        problems = [f"{'.'.join(str(p) for p in e['loc']) or '<document>'}: {e['type']}" for e in exc.errors()]
        return "invalid contract: " + "; ".join(problems[:10])
    if isinstance(exc, registry.UnknownSubject):
        return "no contract for this subject"
    return f"{type(exc).__name__}: {str(exc)[:200]}"
