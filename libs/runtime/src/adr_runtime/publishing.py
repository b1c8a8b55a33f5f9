"""How the relay hands events to JetStream: one at a time, or pipelined with PubAcks taken later.

A plain :data:`Publish` function publishes one event and returns once the stream acknowledged
it (tests pass such functions). A :class:`PipelinedPublish` also has ``send``, which returns as
soon as the event is written to the connection, with a future of its PubAck; awaiting ``send``
calls one after another keeps the order on the wire, since each writes before it returns.
"""

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, runtime_checkable

from adr_contracts.subjects import parse_subject, stream_name
from adr_runtime.signing import HEADER as SIGNATURE_HEADER
from adr_runtime.signing import Signer

# JetStream refuses a message carrying this header unless the stream's last message has that id
EXPECTED_LAST_MSG_ID = "Nats-Expected-Last-Msg-Id"

Publish = Callable[[str, bytes, dict[str, str]], Awaitable[Any]]


@runtime_checkable
class PipelinedPublish(Protocol):
    """A publisher that can keep several PubAcks outstanding."""

    async def send(self, subject: str, body: bytes, headers: dict[str, str]) -> "asyncio.Future[Any]":
        """Writes one event to the connection and returns the future of its PubAck."""
        ...


class JetStreamPublisher:
    """Publishes signed events into their producer's stream over a nats-py JetStream context.

    Calling it publishes one event and waits for the PubAck; :meth:`send` pipelines. Either way
    the stream is named (a subject that no longer belongs to it is refused, not stored elsewhere)
    and an acknowledgement that does not come within ``timeout`` seconds counts as a failure.
    """

    def __init__(self, js: Any, *, timeout: float, signer: Signer | None = None) -> None:
        self._js = js
        self._timeout = timeout
        self._signer = signer

    def _prepare(self, subject: str, body: bytes, headers: dict[str, str]) -> tuple[str, dict[str, str]]:
        headers = dict(headers)
        if self._signer is not None:
            headers[SIGNATURE_HEADER] = self._signer.sign(subject, body)
        return _stream_of(subject), headers

    async def __call__(self, subject: str, body: bytes, headers: dict[str, str]) -> Any:
        stream, headers = self._prepare(subject, body, headers)
        return await self._js.publish(subject, body, timeout=self._timeout, stream=stream, headers=headers)

    async def send(self, subject: str, body: bytes, headers: dict[str, str]) -> "asyncio.Future[Any]":
        """Writes the event (in call order) and returns its PubAck's future, failing after the timeout."""
        stream, headers = self._prepare(subject, body, headers)
        future: asyncio.Future[Any] = await self._js.publish_async(
            subject, body, wait_stall=self._timeout, stream=stream, headers=headers
        )
        expiry = asyncio.get_running_loop().call_later(self._timeout, _expire, future, self._timeout)
        future.add_done_callback(lambda _done: expiry.cancel())
        return future


def jetstream_publisher(js: Any, *, timeout: float, signer: Signer | None = None) -> JetStreamPublisher:
    """A publisher over ``nc.jetstream()`` that waits for the stream's acks (see :class:`JetStreamPublisher`).

    Args:
        js: ``nc.jetstream()``.
        timeout: seconds to wait for each PubAck (nats-py's own default is 0.5 s).
        signer: signs each event (subject and exact body) in the ``Adr-Signature`` header.
    """
    return JetStreamPublisher(js, timeout=timeout, signer=signer)


def one_at_a_time(publish: Publish) -> Callable[[str, bytes, dict[str, str]], Awaitable["asyncio.Future[Any]"]]:
    """A ``send`` over a plain publish function: it publishes, waits, and returns the settled result."""

    async def send(subject: str, body: bytes, headers: dict[str, str]) -> "asyncio.Future[Any]":
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        future.set_result(await publish(subject, body, headers))
        return future

    return send


def discard(future: "asyncio.Future[Any]") -> None:
    """Gives up on a PubAck no longer wanted (after a failure earlier in the window)."""
    if not future.done():
        future.cancel()
    elif not future.cancelled():
        future.exception()  # retrieved, so asyncio does not log it as never retrieved


def _expire(future: "asyncio.Future[Any]", timeout: float) -> None:
    if not future.done():
        future.set_exception(TimeoutError(f"no PubAck within {timeout} s"))


@functools.lru_cache(maxsize=256)
def _stream_of(subject: str) -> str:
    return stream_name(parse_subject(subject).producer)
