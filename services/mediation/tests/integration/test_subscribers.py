"""Intake's routing opens one mediation case per dispute, through the real worker on a real nats-server."""

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID, uuid4

import nats
import pytest
from sqlalchemy import func, select

from adr_contracts import Envelope
from adr_contracts.intake import DisputeRoutedV1
from adr_contracts.mediation import MediationOpenedV1
from adr_contracts.receipts import receipt_subject
from adr_contracts.subjects import durable_name
from adr_mediation.spec import SPEC
from adr_mediation.store.tables import mediation_cases
from adr_runtime.context import ServiceContext
from adr_runtime.testing.receipts import outbox_subjects, without_receipts
from adr_runtime.testing.service import migrated_context
from adr_runtime.worker import start_worker

from ..builders import FIRST_RECEIVED_ON, a_routing
from ..waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("M3")]

DURABLE = durable_name("mediation", DisputeRoutedV1.SUBJECT)


@pytest.fixture
async def ctx(database_url: str, nats_url: str, jetstream: nats.js.JetStreamContext) -> AsyncIterator[ServiceContext]:
    """Mediation's migrated context with its worker (subscribers and outbox relay) running."""
    context = await migrated_context(SPEC, database_url=database_url, nats_url=nats_url)
    worker = await start_worker(context, asyncio.Event())
    assert worker is not None
    yield context
    await worker.close()
    await context.engine.dispose()


async def publish(js: nats.js.JetStreamContext, body: bytes) -> None:
    """Publishes as intake's relay does; a fresh Nats-Msg-Id each time, so the server never dedupes."""
    await js.publish(DisputeRoutedV1.SUBJECT, body, stream="ADR_INTAKE", headers={"Nats-Msg-Id": str(uuid4())})


async def cases_of(ctx: ServiceContext, case_id: UUID) -> list[Any]:
    async with ctx.sessions() as session:
        return list((await session.execute(select(mediation_cases).where(mediation_cases.c.case_id == case_id))).all())


async def count(ctx: ServiceContext, table: Any) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def acked(js: nats.js.JetStreamContext, messages: int) -> None:
    """Waits until mediation's durable has acknowledged the first ``messages`` routing events."""

    async def floor() -> bool:
        info = await js.consumer_info("ADR_INTAKE", DURABLE)
        return info.ack_floor.stream_seq >= messages and info.num_ack_pending == 0

    await eventually(floor)


async def last_dead_letter(js: nats.js.JetStreamContext, expected: int) -> Any:
    """The newest message of ADR_DEADLETTER once it holds ``expected`` messages."""

    async def held() -> int:
        return (await js.stream_info("ADR_DEADLETTER")).state.messages >= expected

    await eventually(held)
    info = await js.stream_info("ADR_DEADLETTER")
    assert info.state.messages == expected
    return await js.get_msg("ADR_DEADLETTER", info.state.last_seq)


async def test_a_routing_to_mediation_opens_the_case_and_publishes_mediation_opened(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    routing = a_routing(uuid4())

    await publish(jetstream, routing.to_json())

    [case] = await eventually(lambda: cases_of(ctx, routing.case_id))  # type: ignore[arg-type]
    assert (case.stage, case.status, case.first_received_on) == ("pre_litigation", "opened", FIRST_RECEIVED_ON)

    async def published() -> bool:
        return (await jetstream.stream_info("ADR_MEDIATION")).state.messages >= 2

    await eventually(published)  # the opening, then the receipt to intake staged in the same transaction
    assert (await jetstream.stream_info("ADR_MEDIATION")).state.messages == 2
    receipt = await jetstream.get_msg("ADR_MEDIATION", 2)
    assert receipt.subject == receipt_subject("mediation", "intake")
    message = await jetstream.get_msg("ADR_MEDIATION", 1)
    opened = Envelope[MediationOpenedV1].model_validate_json(message.data)
    assert message.subject == MediationOpenedV1.SUBJECT
    assert message.headers["Nats-Msg-Id"] == str(opened.event_id)
    assert (opened.case_id, opened.data.mediation_case_id) == (routing.case_id, case.id)
    assert (opened.causation_id, opened.correlation_id) == (routing.event_id, routing.correlation_id)
    assert opened.data.period_ends_on == case.period_ends_on


@pytest.mark.clause("K1")
async def test_a_court_delegation_opens_a_court_delegated_case(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    routing = a_routing(uuid4(), reason_code="court_delegation")

    await publish(jetstream, routing.to_json())

    [case] = await eventually(lambda: cases_of(ctx, routing.case_id))  # type: ignore[arg-type]
    assert case.stage == "court_delegated"


async def test_the_same_routing_delivered_twice_opens_one_case(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    body = a_routing(uuid4()).to_json()

    await publish(jetstream, body)
    await publish(jetstream, body)  # a true redelivery: the server stores it again, the inbox absorbs it

    await acked(jetstream, 2)
    assert (await jetstream.stream_info("ADR_INTAKE")).state.messages == 2
    assert await count(ctx, mediation_cases) == 1
    assert await count(ctx, ctx.tables.inbox) == 1
    subjects = await outbox_subjects(ctx.sessions, ctx.tables)
    assert without_receipts(subjects) == [MediationOpenedV1.SUBJECT]
    assert subjects.count(receipt_subject("mediation", "intake")) == 1  # one hand-off receipt, not two


async def test_an_invalid_routing_is_dead_lettered_and_the_next_one_applied(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    broken = json.loads(a_routing(uuid4()).to_json())
    broken["data"]["route"] = "teleport"
    valid = a_routing(uuid4())

    await publish(jetstream, json.dumps(broken).encode())
    await publish(jetstream, valid.to_json())

    await eventually(lambda: cases_of(ctx, valid.case_id))  # type: ignore[arg-type]
    letter = await last_dead_letter(jetstream, 1)
    assert letter.headers["Adr-Original-Subject"] == DisputeRoutedV1.SUBJECT
    assert letter.headers["Adr-Consumer"] == DURABLE
    reason = letter.headers["Adr-Reason"]
    assert reason.startswith("invalid contract:") and "data.route" in reason and "teleport" not in reason
    assert await count(ctx, mediation_cases) == 1


async def test_a_second_routing_of_the_same_dispute_is_dead_lettered_not_opened(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    case_id = uuid4()
    first, second = a_routing(case_id), a_routing(case_id)  # two distinct events about one dispute

    await publish(jetstream, first.to_json())
    await publish(jetstream, second.to_json())

    letter = await last_dead_letter(jetstream, 1)
    assert letter.headers["Adr-Reason"] == "RejectedEvent: MediationAlreadyOpen"
    assert len(await cases_of(ctx, case_id)) == 1


async def test_other_routes_are_acknowledged_and_store_nothing(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    filing, reconsideration, mediation = (
        a_routing(uuid4(), route="filing"),
        a_routing(uuid4(), route="reconsideration"),
        a_routing(uuid4()),
    )

    for routing in (filing, reconsideration, mediation):
        await publish(jetstream, routing.to_json())

    await acked(jetstream, 3)
    assert await count(ctx, mediation_cases) == 1
    assert len(await cases_of(ctx, mediation.case_id)) == 1
    assert (await jetstream.stream_info("ADR_DEADLETTER")).state.messages == 0
