"""The dead-letter stream: rejected messages kept with why and where they came from."""

from typing import Any

from adr_contracts.services import ServiceName
from adr_contracts.subjects import DEADLETTER_STREAM, deadletter_subject

HEADER_SUBJECT = "Adr-Original-Subject"
HEADER_STREAM = "Adr-Original-Stream"
HEADER_SEQUENCE = "Adr-Original-Sequence"
HEADER_CONSUMER = "Adr-Consumer"
HEADER_REASON = "Adr-Reason"
HEADER_DELIVERIES = "Adr-Deliveries"


class DeadLetterSink:
    """Publishes a rejected message, unchanged, to ``ADR_DEADLETTER`` and waits for the ack."""

    def __init__(self, js: Any, *, timeout: float = 5.0) -> None:
        self._js = js
        self._timeout = timeout

    async def put(self, raw: Any, *, consumer: ServiceName, durable: str, reason: str) -> None:
        """Stores one rejected message; raises when the stream did not acknowledge it.

        Args:
            raw: the nats-py message as received.
            consumer: the service that rejected it.
            durable: the durable consumer it arrived on.
            reason: why (field names and error kinds only, never values).
        """
        metadata = raw.metadata
        headers = {
            HEADER_SUBJECT: raw.subject,
            HEADER_STREAM: metadata.stream,
            HEADER_SEQUENCE: str(metadata.sequence.stream),
            HEADER_CONSUMER: durable,
            HEADER_REASON: reason[:500],
            HEADER_DELIVERIES: str(metadata.num_delivered),
            # one dead letter per original message and consumer, even if this is retried
            "Nats-Msg-Id": f"dlq:{metadata.stream}:{metadata.sequence.stream}:{durable}",
        }
        for key in ("traceparent", "tracestate"):
            if raw.headers and key in raw.headers:
                headers[key] = raw.headers[key]
        await self._js.publish(
            deadletter_subject(consumer), raw.data, timeout=self._timeout, stream=DEADLETTER_STREAM, headers=headers
        )
