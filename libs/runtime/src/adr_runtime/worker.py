"""The worker process of a service: its subscribers and its outbox relay."""

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import Any

import nats
from faststream import AckPolicy
from faststream.nats import NatsBroker, NatsUserPassword
from faststream.nats.opentelemetry import NatsTelemetryMiddleware

from adr_runtime.consumer import ConsumerGroup, RetryPolicy
from adr_runtime.context import ServiceContext
from adr_runtime.deadletter import DeadLetterSink
from adr_runtime.nats_permissions import subscriber_inbox_prefix
from adr_runtime.receipts.recording import all_subscriptions
from adr_runtime.relay import Relay, jetstream_publisher
from adr_runtime.telemetry import setup_tracing

logger = logging.getLogger(__name__)


def build_broker(ctx: ServiceContext) -> NatsBroker:
    """A broker that nacks on error (never drops), reconnects forever, and carries trace context.

    Args:
        ctx: the process's resources.
    """
    settings = ctx.settings
    options = settings.nats_options(ctx.spec.name)
    return NatsBroker(
        settings.nats_url,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        graceful_timeout=20.0,
        max_reconnect_attempts=-1,
        reconnect_time_wait=1,
        middlewares=[NatsTelemetryMiddleware(tracer_provider=setup_tracing(ctx.spec.name))],
        name=f"{ctx.spec.name}-worker",
        log_level=logging.DEBUG,
        inbox_prefix=options["inbox_prefix"].decode(),
        security=NatsUserPassword(options["user"], options["password"]) if "user" in options else None,
    )


async def connect_nats(
    url: str, *, name: str, stop: asyncio.Event, options: dict[str, Any] | None = None
) -> nats.NATS | None:
    """Connects, retrying until the server answers or ``stop`` is set.

    Args:
        url: the NATS URL.
        name: the connection name shown by the server.
        stop: gives up when set.
        options: the service's user, password and inbox prefix (``settings.nats_options``).
    """
    while not stop.is_set():
        try:
            return await nats.connect(
                url,
                name=name,
                connect_timeout=2,
                max_reconnect_attempts=-1,
                reconnect_time_wait=1,
                **(options or {}),
            )
        except Exception as exc:  # the server is not up yet: wait, the outbox keeps every event meanwhile
            logger.warning("NATS not reachable (%s); retrying", type(exc).__name__)
            await asyncio.sleep(1)
    return None


@dataclass
class Worker:
    """A running worker: the broker with its subscribers, and the relay task."""

    broker: NatsBroker
    relay: Relay
    relay_task: asyncio.Task[None]
    connection: nats.NATS
    stop_relay: asyncio.Event
    background_task: asyncio.Task[None] | None = None  # the spec's background work (issue #12)

    async def close(self) -> None:
        """Stops the relay, drains the subscribers and closes the connections."""
        self.stop_relay.set()
        await self.relay_task
        if self.background_task is not None:
            await self.background_task
        # broker.stop() waits for in-flight handlers; without a server it can wait far longer than a
        # pod's grace period, and an unacknowledged message is redelivered anyway; a connection that is
        # reconnecting at that moment cannot drain (nats-py raises), which must not fail the shutdown
        with contextlib.suppress(TimeoutError, nats.errors.ConnectionReconnectingError):
            await asyncio.wait_for(self.broker.stop(), timeout=20)
        await self.connection.close()


def _consumer_group(ctx: ServiceContext, js: nats.js.JetStreamContext) -> ConsumerGroup:
    """The service's subscribers with their retry policy, dead-letter sink and signature check.

    Args:
        ctx: the process's resources.
        js: the JetStream context the dead letters are published on.
    """
    settings = ctx.settings
    return ConsumerGroup(
        service=ctx.spec.name,
        sessions=ctx.sessions,
        tables=ctx.tables,
        dead_letters=DeadLetterSink(js, timeout=settings.publish_timeout_seconds),
        retry=RetryPolicy(max_deliver=settings.max_deliver, delays_seconds=settings.retry_delays_seconds),
        verifier=settings.verifier(),
        inbox_prefix=subscriber_inbox_prefix(ctx.spec.name),
    )


def _relay(ctx: ServiceContext, js: nats.js.JetStreamContext) -> Relay:
    """The outbox relay, publishing the service's signed events on JetStream.

    Args:
        ctx: the process's resources.
        js: the JetStream context the events are published on.
    """
    settings = ctx.settings
    return Relay(
        service=ctx.spec.name,
        sessions=ctx.sessions,
        tables=ctx.tables,
        publish=jetstream_publisher(
            js, timeout=settings.publish_timeout_seconds, signer=settings.signer(ctx.spec.name)
        ),
        batch=settings.relay_batch,
        idle_seconds=settings.relay_idle_seconds,
        window=settings.relay_window,
        lag_seconds=settings.relay_lag_seconds,
    )


async def start_worker(ctx: ServiceContext, stop: asyncio.Event) -> Worker | None:
    """Starts the subscribers and the relay; None if ``stop`` was set before NATS answered.

    Args:
        ctx: the process's resources.
        stop: set to abandon start-up.
    """
    settings = ctx.settings
    connection = await connect_nats(
        settings.nats_url, name=f"{ctx.spec.name}-relay", stop=stop, options=settings.nats_options(ctx.spec.name)
    )
    if connection is None:
        return None
    js = connection.jetstream()
    broker = build_broker(ctx)
    group = _consumer_group(ctx, js)
    group.register_all(broker, all_subscriptions(ctx))  # the spec's own and the receipts addressed to it
    await broker.start()
    relay = _relay(ctx, js)
    stop_relay = asyncio.Event()
    task = asyncio.create_task(relay.run(stop_relay), name=f"{ctx.spec.name}-relay")
    background = None
    if ctx.spec.background is not None:
        background = asyncio.create_task(ctx.spec.background(ctx, stop_relay), name=f"{ctx.spec.name}-background")
    logger.info("worker started")
    return Worker(
        broker=broker,
        relay=relay,
        relay_task=task,
        connection=connection,
        stop_relay=stop_relay,
        background_task=background,
    )


async def run_worker(ctx: ServiceContext, stop: asyncio.Event) -> None:
    """Runs the worker until ``stop`` is set.

    Args:
        ctx: the process's resources.
        stop: set by the signal handler.
    """
    worker = await start_worker(ctx, stop)
    if worker is None:
        return
    try:
        await stop.wait()
    finally:
        await worker.close()
        await ctx.engine.dispose()
        logger.info("worker stopped")
