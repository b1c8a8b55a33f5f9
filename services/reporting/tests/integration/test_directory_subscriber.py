"""The directory subscriber on the real nats-server: applied once, duplicates absorbed, bad input dead-lettered."""

import json
from uuid import uuid4

import nats
import pytest
from sqlalchemy import func, select

from adr_contracts.intake import AgencyDirectoryChangedV1
from adr_contracts.subjects import DEADLETTER_STREAM, durable_name
from adr_reporting.store.tables import agencies
from adr_runtime.context import ServiceContext

from ..builders import agency_changed, counters, eventually, publish, reference_envelope

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("O3", "M11")]

DURABLE = durable_name("reporting", AgencyDirectoryChangedV1.SUBJECT)


async def unit(ctx: ServiceContext, code: str) -> tuple[int, bool] | None:
    async with ctx.sessions() as session:
        query = select(agencies.c.liaison_count, agencies.c.removed).where(agencies.c.code == code)
        row = (await session.execute(query)).one_or_none()
    return None if row is None else (row.liaison_count, row.removed)


async def unit_count(ctx: ServiceContext) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(agencies)) or 0)


async def test_a_directory_change_fills_the_units_row(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    await publish(jetstream, reference_envelope(agency_changed(liaisons=2)))

    await eventually(lambda: _is(running, "WJG-SCJ", (2, False)))
    assert await unit_count(running) == 1


async def test_a_redelivered_change_has_one_effect(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    envelope, marker = reference_envelope(agency_changed()), reference_envelope(agency_changed("WJG-SFJ"))
    await publish(jetstream, envelope)
    await eventually(lambda: _is(running, "WJG-SCJ", (0, False)))
    before = counters(DURABLE)

    await publish(jetstream, envelope, msg_id=str(uuid4()))
    await publish(jetstream, marker)

    await eventually(lambda: _is(running, "WJG-SFJ", (0, False)))
    after = counters(DURABLE)
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1), "(applied, skipped as duplicate)"
    assert await unit_count(running) == 2


async def test_an_invalid_change_is_dead_lettered_and_the_next_applied(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    valid = reference_envelope(agency_changed(change="removed"))
    document = valid.model_dump(mode="json", by_alias=True, exclude_none=True)
    document["data"] = {"unexpected": "shape"}
    headers = {"Nats-Msg-Id": str(uuid4())}
    await jetstream.publish(valid.event_type, json.dumps(document).encode(), stream="ADR_INTAKE", headers=headers)
    await publish(jetstream, valid)

    await eventually(lambda: _is(running, "WJG-SCJ", (0, True)))
    dead = await jetstream.get_msg(DEADLETTER_STREAM, seq=1)
    assert dead.headers is not None and dead.headers["Adr-Consumer"] == DURABLE
    assert await unit_count(running) == 1


async def _is(ctx: ServiceContext, code: str, expected: tuple[int, bool]) -> bool:
    return await unit(ctx, code) == expected
