"""Reporting's subscribers against the real nats-server: applied once, duplicates absorbed, bad input dead-lettered."""

import json
from collections.abc import Callable
from uuid import UUID, uuid4

import nats
import pytest
from sqlalchemy import func, select

from adr_contracts import ContractModel
from adr_contracts.subjects import DEADLETTER_STREAM, durable_name, parse_subject, stream_name
from adr_reporting.store.tables import dispute_facts
from adr_runtime.context import ServiceContext

from ..builders import (
    agreed,
    an_envelope,
    classified,
    counters,
    eventually,
    failed,
    filing_reviewed,
    lead_agency_decided,
    opened,
    publish,
    registered,
    routed,
    withdrawn,
)

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("M11", "C6")]

# each contract reporting reads, with the column its event fills in
CASES: list[tuple[Callable[[], ContractModel], str]] = [
    (registered, "registered_at"),
    (filing_reviewed, "filing_reviewed_at"),
    (routed, "routed_on"),
    (opened, "mediation_opened_on"),
    (agreed, "mediation_agreed_on"),
    (failed, "mediation_failed_on"),
    (classified, "classified_at"),
    (lead_agency_decided, "lead_agency_code"),
    (withdrawn, "withdrawn_on"),
]
IDS = [build().SUBJECT for build, _ in CASES]


async def filled(ctx: ServiceContext, case_id: UUID, column: str) -> bool:
    async with ctx.sessions() as session:
        value = await session.scalar(select(dispute_facts.c[column]).where(dispute_facts.c.case_id == case_id))
    return value is not None


async def row_count(ctx: ServiceContext) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(dispute_facts)) or 0)


@pytest.mark.parametrize(("build", "column"), CASES, ids=IDS)
async def test_event_fills_the_dispute_row(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, build: Callable[[], ContractModel], column: str
) -> None:
    envelope = an_envelope(build())

    await publish(jetstream, envelope)

    await eventually(lambda: filled(running, envelope.case_id, column))
    assert await row_count(running) == 1


@pytest.mark.parametrize(("build", "column"), CASES, ids=IDS)
async def test_redelivered_event_has_one_effect(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, build: Callable[[], ContractModel], column: str
) -> None:
    envelope, marker = an_envelope(build()), an_envelope(build())
    durable = durable_name("reporting", envelope.event_type)
    await publish(jetstream, envelope)
    await eventually(lambda: filled(running, envelope.case_id, column))
    before = counters(durable)

    await publish(jetstream, envelope, msg_id=str(uuid4()))  # past the server's dedupe: a true redelivery
    await publish(jetstream, marker)  # same consumer, one at a time: once it is applied, so was the copy

    await eventually(lambda: filled(running, marker.case_id, column))
    after = counters(durable)
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1), "(applied, skipped as duplicate)"
    assert await row_count(running) == 2


@pytest.mark.parametrize(("build", "column"), CASES, ids=IDS)
async def test_invalid_payload_is_dead_lettered_and_the_next_event_applied(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, build: Callable[[], ContractModel], column: str
) -> None:
    valid = an_envelope(build())
    document = valid.model_dump(mode="json", by_alias=True)
    document["data"] = {"unexpected": "shape"}
    stream = stream_name(parse_subject(valid.event_type).producer)

    headers = {"Nats-Msg-Id": str(uuid4())}
    await jetstream.publish(valid.event_type, json.dumps(document).encode(), stream=stream, headers=headers)
    await publish(jetstream, valid)

    await eventually(lambda: filled(running, valid.case_id, column))
    dead = await jetstream.get_msg(DEADLETTER_STREAM, seq=1)
    assert dead.headers is not None
    assert dead.headers["Adr-Consumer"] == durable_name("reporting", valid.event_type)
    assert dead.headers["Adr-Original-Subject"] == valid.event_type
    assert "shape" not in dead.headers["Adr-Reason"]
    assert (await jetstream.stream_info(DEADLETTER_STREAM)).state.messages == 1
    assert await row_count(running) == 1
