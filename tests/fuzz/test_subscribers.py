"""Malformed and hostile events into every subscriber of every service (issue #10 item 5).

For each service, hypothesis builds events for every contract the service reads: some valid, most
broken (fields removed, replaced by values of the wrong type, the wrong contract's type, garbage
bytes, a case id that does not exist). They are published on the real JetStream subjects. The test
then waits until every consumer has settled and checks that nothing was lost and nothing crashed:
each event is either applied (an inbox row) or in the dead-letter stream, and every dead letter was
refused as invalid or rejected by a domain rule, never by a handler failing unexpectedly.
"""

import json
import os
import random
from pathlib import Path
from typing import Any
from uuid import uuid4

import nats
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from adr_contracts import ContractModel, envelope_for, registry
from adr_contracts.services import SERVICES, ServiceName
from adr_contracts.subjects import DEADLETTER_STREAM, deadletter_subject, durable_name, parse_subject, stream_name
from adr_contracts.testing import a_payload
from adr_runtime.deadletter import HEADER_REASON
from adr_runtime.testing.service import migrated_context, running_worker
from adr_runtime.testing.waiting import eventually

from .test_openapi import SPECS

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.fuzz, pytest.mark.clause("R2")]

PER_CONTRACT = int(os.environ.get("ADR_FUZZ_EVENTS", "12"))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=5,
)


def _valid_document(contract: type[ContractModel]) -> dict[str, Any]:
    envelope = envelope_for(a_payload(contract), case_id=uuid4(), correlation_id=uuid4())
    return json.loads(envelope.to_json())


@st.composite
def hostile_bodies(draw: st.DrawFn, contract: type[ContractModel]) -> bytes:
    """One event body for ``contract``: valid, or broken in one of several ways."""
    document = _valid_document(contract)
    document["id"] = str(uuid4())
    kind = draw(st.sampled_from(["valid", "drop", "replace", "wrong_type", "garbage", "data_not_object"]))
    data = document["data"]
    if kind == "drop" and data:
        del data[draw(st.sampled_from(sorted(data)))]
    elif kind == "replace" and data:
        data[draw(st.sampled_from(sorted(data)))] = draw(JSON_VALUES)
    elif kind == "wrong_type":
        document["type"] = draw(st.sampled_from([c.SUBJECT for c in registry.ALL]))
    elif kind == "garbage":
        return draw(st.binary(min_size=0, max_size=64))
    elif kind == "data_not_object":
        document["data"] = draw(JSON_VALUES)
    return json.dumps(document, ensure_ascii=False).encode()


def _bodies(contract: type[ContractModel], seed: int) -> list[bytes]:
    found: list[bytes] = []

    @settings(max_examples=PER_CONTRACT, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(hostile_bodies(contract))
    def collect(body: bytes) -> None:
        found.append(body)

    random.seed(seed)
    collect()
    return found


@pytest.mark.parametrize("service", [s for s in SERVICES if registry.read_by(s)])
async def test_hostile_events_are_applied_or_dead_lettered_and_none_is_lost(
    service: ServiceName, nats_url: str, jetstream: nats.js.JetStreamContext, tmp_path: Path
) -> None:
    ctx = await migrated_context(
        SPECS[service],
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'svc.db'}",
        nats_url=nats_url,
        retry_delays_seconds=(0.05, 0.05),
        max_deliver=2,
    )
    contracts = registry.read_by(service)
    published = 0
    async with running_worker(ctx):
        for number, contract in enumerate(contracts):
            stream = stream_name(parse_subject(contract.SUBJECT).producer)
            for body in _bodies(contract, number):
                await jetstream.publish(contract.SUBJECT, body, stream=stream, headers={"Nats-Msg-Id": str(uuid4())})
                published += 1

        async def settled() -> bool:
            for contract in contracts:
                stream = stream_name(parse_subject(contract.SUBJECT).producer)
                info = await jetstream.consumer_info(stream, durable_name(service, contract.SUBJECT))
                if info.num_pending or info.num_ack_pending:
                    return False
            return True

        await eventually(settled, within=120, what="every consumer settled")

    subject = deadletter_subject(service)
    letters = (await jetstream.stream_info(DEADLETTER_STREAM, subjects_filter=subject)).state.subjects or {}
    dead = int(letters.get(subject, 0))
    async with ctx.sessions() as session:
        applied = int(await session.scalar(select(func.count()).select_from(ctx.tables.inbox)) or 0)
    reasons = []
    sequence = 0
    for _ in range(dead):
        message = await jetstream.get_msg(DEADLETTER_STREAM, seq=sequence + 1, subject=subject, next=True)
        sequence = message.seq
        reasons.append(message.headers[HEADER_REASON])
    await ctx.engine.dispose()

    assert applied + dead == published, f"{published} published, {applied} applied, {dead} dead-lettered"
    crashed = [r for r in reasons if " after " in r and "deliveries" in r]
    assert not crashed, f"handlers failed unexpectedly instead of refusing: {sorted(set(crashed))[:5]}"
    assert dead > 0 and applied > 0, "the mix should hold both valid and broken events"
