"""Streams and durable consumers, provisioned by one step before the services start.

Services bind to what exists (``JStream(declare=False)``) and never rewrite stream
configuration at start-up. Every producer gets one stream; every (contract, audience
member) pair gets one durable pull consumer; rejected messages go to ``ADR_DEADLETTER``.
"""

import argparse
import asyncio
import logging
import os
from dataclasses import dataclass

import nats
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    DiscardPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
)
from nats.js.errors import BadRequestError, NotFoundError

from adr_contracts import registry
from adr_contracts.subjects import ALL_STREAMS, DEADLETTER_ROOT, DEADLETTER_STREAM, durable_name, parse_subject
from adr_contracts.subjects import stream_name as producer_stream
from adr_runtime.outbox import MAX_MESSAGE_BYTES

logger = logging.getLogger(__name__)

DAY = 86_400.0


@dataclass(frozen=True)
class ProvisioningPolicy:
    """How streams and consumers are configured (the deployment may change these)."""

    replicas: int = 1
    max_age_days: float = 400.0
    duplicate_window_seconds: float = 120.0
    max_deliver: int = 5
    ack_wait_seconds: float = 30.0
    max_ack_pending: int = 1000


def stream_configs(policy: ProvisioningPolicy) -> list[StreamConfig]:
    """One stream per producer plus the dead-letter stream."""
    configs = [_stream(name, subjects, policy) for name, subjects in ALL_STREAMS.items()]
    configs.append(_stream(DEADLETTER_STREAM, [f"{DEADLETTER_ROOT}.>"], policy))
    return configs


def _stream(name: str, subjects: list[str], policy: ProvisioningPolicy) -> StreamConfig:
    return StreamConfig(
        name=name,
        subjects=subjects,
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        num_replicas=policy.replicas,
        max_age=policy.max_age_days * DAY,
        duplicate_window=policy.duplicate_window_seconds,
        discard=DiscardPolicy.OLD,
        max_msg_size=MAX_MESSAGE_BYTES,
    )


@dataclass(frozen=True)
class ConsumerSpec:
    """A durable consumer to provision on a stream."""

    stream: str
    config: ConsumerConfig


def consumer_specs(policy: ProvisioningPolicy) -> list[ConsumerSpec]:
    """One durable pull consumer for every contract and every service in its audience."""
    specs: list[ConsumerSpec] = []
    for contract in registry.ALL:
        producer = parse_subject(contract.SUBJECT).producer
        for reader in sorted(contract.AUDIENCE):
            config = ConsumerConfig(
                durable_name=durable_name(reader, contract.SUBJECT),
                filter_subject=contract.SUBJECT,
                ack_policy=AckPolicy.EXPLICIT,
                deliver_policy=DeliverPolicy.ALL,
                # one more than the application's own limit, so that the last delivery can still
                # reach the dead-letter stream even if moving it there failed once
                max_deliver=policy.max_deliver + 1,
                ack_wait=policy.ack_wait_seconds,
                max_ack_pending=policy.max_ack_pending,
            )
            specs.append(ConsumerSpec(stream=producer_stream(producer), config=config))
    return specs


async def provision(js: nats.js.JetStreamContext, policy: ProvisioningPolicy) -> None:
    """Creates or updates every stream and durable consumer; safe to run again.

    Args:
        js: a JetStream context with permission on ``$JS.API.>``.
        policy: the configuration to apply.
    """
    for config in stream_configs(policy):
        try:
            await js.add_stream(config)
        except BadRequestError:
            await js.update_stream(config)
    for spec in consumer_specs(policy):
        await js.add_consumer(spec.stream, spec.config)
    logger.info("provisioned %d streams and %d consumers", len(ALL_STREAMS) + 1, len(consumer_specs(policy)))


async def delete_all(js: nats.js.JetStreamContext) -> None:
    """Removes every platform stream (tests and local resets only)."""
    for name in [*ALL_STREAMS, DEADLETTER_STREAM]:
        try:
            await js.delete_stream(name)
        except NotFoundError:
            continue


async def provision_at(url: str, policy: ProvisioningPolicy) -> None:
    """Connects to ``url``, provisions, and disconnects.

    Args:
        url: the NATS server URL.
        policy: the configuration to apply.
    """
    connection = await nats.connect(url, connect_timeout=5, max_reconnect_attempts=0)
    try:
        await provision(connection.jetstream(), policy)
    finally:
        await connection.close()


def main() -> None:
    """``adr-provision``: the provisioning step (a Kubernetes Job, or ``make run``)."""
    parser = argparse.ArgumentParser(description="Create or update the platform's JetStream streams and consumers")
    parser.add_argument("--nats-url", default=os.environ.get("NATS_URL", "nats://127.0.0.1:4222"))
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("ADR_JS_REPLICAS", "1")))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    asyncio.run(provision_at(args.nats_url, ProvisioningPolicy(replicas=args.replicas)))
