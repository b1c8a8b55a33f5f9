"""Streams and durable consumers provisioned on a real nats-server."""

from typing import Any

import pytest
from nats.js.api import AckPolicy, StorageType

from adr_contracts import registry
from adr_contracts.subjects import ALL_STREAMS, DEADLETTER_STREAM, durable_name, parse_subject, stream_name
from adr_runtime.provisioning import ProvisioningPolicy, consumer_specs, provision

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("R2")]

STREAMS = [*ALL_STREAMS, DEADLETTER_STREAM]


def expected_durables() -> dict[str, set[str]]:
    """Stream name → the durables it must hold: one per (contract, audience member)."""
    expected: dict[str, set[str]] = {name: set() for name in STREAMS}
    for contract in registry.ALL:
        stream = stream_name(parse_subject(contract.SUBJECT).producer)
        expected[stream] |= {durable_name(reader, contract.SUBJECT) for reader in contract.AUDIENCE}
    return expected


async def durables_on(js: Any) -> dict[str, set[str]]:
    return {name: {info.name for info in await js.consumers_info(name)} for name in STREAMS}


async def test_every_producer_stream_and_the_dead_letter_stream_exist_as_file_streams_with_a_two_minute_window(
    jetstream: Any,
) -> None:
    for name in STREAMS:
        config = (await jetstream.stream_info(name)).config
        assert config.duplicate_window == 120.0, name
        assert config.storage == StorageType.FILE, name
    assert (await jetstream.stream_info("ADR_INTAKE")).config.subjects == ["adr.intake.>"]
    assert (await jetstream.stream_info(DEADLETTER_STREAM)).config.subjects == ["adr.deadletter.>"]


async def test_one_durable_per_contract_and_audience_member_filtered_on_its_subject(jetstream: Any) -> None:
    assert await durables_on(jetstream) == expected_durables()
    for contract in registry.ALL:
        stream = stream_name(parse_subject(contract.SUBJECT).producer)
        for reader in contract.AUDIENCE:
            config = (await jetstream.consumer_info(stream, durable_name(reader, contract.SUBJECT))).config
            assert config.filter_subject == contract.SUBJECT
            assert config.ack_policy == AckPolicy.EXPLICIT
            assert config.max_deliver == ProvisioningPolicy().max_deliver + 1
            assert config.ack_wait == ProvisioningPolicy().ack_wait_seconds
    assert len(consumer_specs(ProvisioningPolicy())) == sum(len(c.AUDIENCE) for c in registry.ALL)


async def test_provisioning_again_keeps_streams_messages_and_consumers(jetstream: Any) -> None:
    envelope = support.registered_event(1)
    await jetstream.publish(
        support.SUBJECT, envelope.to_json(), stream=support.STREAM, headers={"Nats-Msg-Id": str(envelope.event_id)}
    )
    before = await durables_on(jetstream)

    await provision(jetstream, ProvisioningPolicy())
    await provision(jetstream, ProvisioningPolicy())

    assert await durables_on(jetstream) == before
    assert (await jetstream.stream_info(support.STREAM)).state.messages == 1
    assert (await jetstream.consumer_info(support.STREAM, support.DURABLE)).num_pending == 1


async def test_provisioning_with_a_changed_policy_updates_streams_and_consumers(jetstream: Any) -> None:
    await provision(jetstream, ProvisioningPolicy(ack_wait_seconds=2, max_deliver=3, duplicate_window_seconds=60))

    consumer = (await jetstream.consumer_info(support.STREAM, support.DURABLE)).config
    assert (consumer.ack_wait, consumer.max_deliver) == (2.0, 4)
    assert (await jetstream.stream_info(support.STREAM)).config.duplicate_window == 60.0
