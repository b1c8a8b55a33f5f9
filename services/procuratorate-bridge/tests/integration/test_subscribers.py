"""The procuratorate's subscriber on the real nats-server: kept once, duplicates absorbed, bad input dead-lettered."""

import hashlib
import json
from uuid import UUID, uuid4

import nats
import pytest
from sqlalchemy import select

from adr_contracts import ContractModel
from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.subjects import DEADLETTER_STREAM, durable_name, parse_subject, stream_name
from adr_procuratorate_bridge.messaging.subscriptions import SHARED_CONTRACTS
from adr_procuratorate_bridge.store.tables import receipts, shared_records
from adr_runtime.context import ServiceContext

from ..builders import a_registration, a_shared, counters, eventually, publish

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("P2")]

DURABLE = durable_name("procuratorate-bridge", DisputeRegisteredV1.SUBJECT)


async def kept(ctx: ServiceContext) -> dict[UUID, str]:
    """Each kept record's case id with its digest."""
    async with ctx.sessions() as session:
        rows = (await session.execute(select(shared_records.c.case_id, shared_records.c.sha256))).all()
    return {row.case_id: row.sha256 for row in rows}


async def test_shared_registration_is_kept_with_its_digest(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    envelope = a_registration()

    await publish(jetstream, envelope)

    async def arrived() -> bool:
        return envelope.case_id in await kept(running)

    await eventually(arrived)
    assert await kept(running) == {envelope.case_id: hashlib.sha256(envelope.to_json()).hexdigest()}


async def test_redelivered_registration_is_kept_once(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    envelope, marker = a_registration(), a_registration()
    await publish(jetstream, envelope)

    async def has(case_id: UUID | None) -> bool:
        return case_id in await kept(running)

    await eventually(lambda: has(envelope.case_id))
    before = counters(DURABLE)

    await publish(jetstream, envelope, msg_id=str(uuid4()))  # past the server's dedupe: a true redelivery
    await publish(jetstream, marker)  # one at a time on this consumer: once it is kept, so was the copy handled

    await eventually(lambda: has(marker.case_id))
    after = counters(DURABLE)
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1), "(applied, skipped as duplicate)"
    assert set(await kept(running)) == {envelope.case_id, marker.case_id}


async def test_invalid_registration_is_dead_lettered_and_the_next_one_kept(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    valid = a_registration()
    document = valid.model_dump(mode="json", by_alias=True)
    document["data"]["applicant_count"] = 0  # at least one applicant is required

    headers = {"Nats-Msg-Id": str(uuid4())}
    await jetstream.publish(valid.event_type, json.dumps(document).encode(), stream="ADR_INTAKE", headers=headers)
    await publish(jetstream, valid)

    async def arrived() -> bool:
        return valid.case_id in await kept(running)

    await eventually(arrived)
    dead = await jetstream.get_msg(DEADLETTER_STREAM, seq=1)
    assert dead.headers is not None
    assert dead.headers["Adr-Consumer"] == DURABLE
    assert dead.headers["Adr-Reason"].startswith("invalid contract: data.applicant_count")
    assert (await jetstream.stream_info(DEADLETTER_STREAM)).state.messages == 1
    assert set(await kept(running)) == {valid.case_id}


@pytest.mark.parametrize("contract", SHARED_CONTRACTS, ids=lambda c: c.__name__)
async def test_each_shared_contract_is_kept_once_with_a_receipt_and_bad_input_dead_lettered(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, contract: type[ContractModel]
) -> None:
    """Happy, duplicate and invalid, on the real nats-server, for every contract the procuratorate reads (P2)."""
    durable = durable_name("procuratorate-bridge", contract.SUBJECT)
    valid, marker, broken = a_shared(contract), a_shared(contract), a_shared(contract)
    document = broken.model_dump(mode="json", by_alias=True)
    missing = next(name for name, field in contract.model_fields.items() if field.is_required())
    del document["data"][missing]
    stream = stream_name(parse_subject(contract.SUBJECT).producer)

    await jetstream.publish(contract.SUBJECT, json.dumps(document).encode(), stream=stream,
                            headers={"Nats-Msg-Id": str(uuid4())})
    await publish(jetstream, valid)

    async def has(case_id: UUID | None) -> bool:
        return case_id in await kept(running)

    await eventually(lambda: has(valid.case_id))
    before = counters(durable)
    await publish(jetstream, valid, msg_id=str(uuid4()))  # a true redelivery of the same event
    await publish(jetstream, marker)
    await eventually(lambda: has(marker.case_id))

    after = counters(durable)
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1), "(applied, skipped as duplicate)"
    dead = await jetstream.get_msg(DEADLETTER_STREAM, seq=1)
    assert dead.headers is not None and dead.headers["Adr-Consumer"] == durable
    assert dead.headers["Adr-Reason"].startswith(f"invalid contract: data.{missing}")
    assert await kept(running) == {
        e.case_id: hashlib.sha256(e.to_json()).hexdigest() for e in (valid, marker)
    }
    async with running.sessions() as session:
        receipted = set((await session.execute(select(receipts.c.event_id))).scalars())
    assert receipted == {valid.event_id, marker.event_id}
