"""Court-bridge's subscribers on the real nats-server: queued once, duplicates absorbed, bad input dead-lettered."""

import json
from collections.abc import Callable
from uuid import UUID, uuid4

import nats
import pytest
from sqlalchemy import func, select

from adr_contracts import ContractModel
from adr_contracts.subjects import DEADLETTER_STREAM, durable_name, parse_subject, stream_name
from adr_contracts.vocabulary import Route
from adr_court_bridge.store.tables import filing_queue
from adr_runtime.context import ServiceContext

from ..builders import an_envelope, counters, eventually, failed, publish, routed

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("M3", "K1")]

BUILDERS: list[Callable[[], ContractModel]] = [routed, failed]
IDS = ["dispute_routed", "mediation_failed"]


async def queued(ctx: ServiceContext, case_id: UUID) -> bool:
    async with ctx.sessions() as session:
        found = await session.scalar(select(filing_queue.c.case_id).where(filing_queue.c.case_id == case_id))
    return found is not None


async def entries(ctx: ServiceContext) -> list[tuple[UUID, int]]:
    """Each entry with the number of sources it lists."""
    async with ctx.sessions() as session:
        rows = (await session.execute(select(filing_queue.c.case_id, filing_queue.c.sources))).all()
    return sorted((case_id, len(sources)) for case_id, sources in rows)


async def history_count(ctx: ServiceContext, case_id: UUID) -> int:
    history = ctx.tables.case_history
    async with ctx.sessions() as session:
        count = await session.scalar(select(func.count()).select_from(history).where(history.c.case_id == case_id))
    return int(count or 0)


async def inbox_count(ctx: ServiceContext, durable: str) -> int:
    inbox = ctx.tables.inbox
    async with ctx.sessions() as session:
        count = await session.scalar(select(func.count()).select_from(inbox).where(inbox.c.consumer == durable))
    return int(count or 0)


@pytest.mark.parametrize("build", BUILDERS, ids=IDS)
async def test_filing_decision_queues_the_dispute(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, build: Callable[[], ContractModel]
) -> None:
    envelope = an_envelope(build())

    await publish(jetstream, envelope)

    await eventually(lambda: queued(running, envelope.case_id))
    assert await entries(running) == [(envelope.case_id, 1)]


@pytest.mark.parametrize("build", BUILDERS, ids=IDS)
async def test_redelivered_decision_queues_once(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, build: Callable[[], ContractModel]
) -> None:
    envelope, marker = an_envelope(build()), an_envelope(build())
    durable = durable_name("court-bridge", envelope.event_type)

    await publish(jetstream, envelope)
    await eventually(lambda: queued(running, envelope.case_id))
    before = counters(durable)

    await publish(jetstream, envelope, msg_id=str(uuid4()))  # past the server's dedupe: a true redelivery
    await publish(jetstream, marker)  # same consumer, one at a time: once it is applied, so was the copy

    await eventually(lambda: queued(running, marker.case_id))
    after = counters(durable)
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1), "(applied, skipped as duplicate)"
    assert await entries(running) == sorted([(envelope.case_id, 1), (marker.case_id, 1)])
    assert await history_count(running, envelope.case_id) == 1


@pytest.mark.parametrize("build", BUILDERS, ids=IDS)
async def test_invalid_payload_is_dead_lettered_and_the_next_decision_applied(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, build: Callable[[], ContractModel]
) -> None:
    valid = an_envelope(build())
    document = valid.model_dump(mode="json", by_alias=True)
    document["data"]["first_received_on"] = "not a date"
    stream = stream_name(parse_subject(valid.event_type).producer)

    headers = {"Nats-Msg-Id": str(uuid4())}
    await jetstream.publish(valid.event_type, json.dumps(document).encode(), stream=stream, headers=headers)
    await publish(jetstream, valid)

    await eventually(lambda: queued(running, valid.case_id))
    dead = await jetstream.get_msg(DEADLETTER_STREAM, seq=1)
    assert dead.headers is not None
    assert dead.headers["Adr-Consumer"] == durable_name("court-bridge", valid.event_type)
    assert "data.first_received_on" in dead.headers["Adr-Reason"]
    assert "not a date" not in dead.headers["Adr-Reason"]
    assert (await jetstream.stream_info(DEADLETTER_STREAM)).state.messages == 1
    assert await entries(running) == [(valid.case_id, 1)]


async def test_routing_elsewhere_is_acknowledged_without_an_entry(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    elsewhere, marker = an_envelope(routed(Route.MEDIATION)), an_envelope(routed())

    await publish(jetstream, elsewhere)
    await publish(jetstream, marker)

    await eventually(lambda: queued(running, marker.case_id))
    assert await entries(running) == [(marker.case_id, 1)]
    assert await inbox_count(running, durable_name("court-bridge", elsewhere.event_type)) == 2


@pytest.mark.clause("M3", "A2")
async def test_routing_and_failed_mediation_for_one_dispute_give_one_entry(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    case_id = uuid4()

    await publish(jetstream, an_envelope(routed(), case_id=case_id))
    await publish(jetstream, an_envelope(failed(), case_id=case_id))

    async def both_sources() -> bool:
        return await entries(running) == [(case_id, 2)]

    await eventually(both_sources)
