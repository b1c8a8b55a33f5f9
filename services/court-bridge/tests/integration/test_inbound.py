"""Confirmation requests (W3), overdue obligations (M10) and pattern warnings (K3) on the real nats-server:
applied once, duplicates absorbed, invalid payloads dead-lettered."""

import json
from collections.abc import Callable
from typing import Any
from uuid import uuid4

import nats
import pytest
from sqlalchemy import func, select

from adr_contracts.subjects import DEADLETTER_STREAM, durable_name, parse_subject, stream_name
from adr_court_bridge.store.tables import confirmations, suggestions
from adr_runtime.context import ServiceContext

from ..builders import (
    an_envelope,
    confirmation_requested,
    counters,
    eventually,
    obligation_overdue,
    publish,
    warning_raised,
)

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("W3", "M10", "K3", "C5")]


async def count(ctx: ServiceContext, table: Any, *where: Any) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table).where(*where)) or 0)


async def confirmation_rows(ctx: ServiceContext) -> int:
    return await count(ctx, confirmations, confirmations.c.status == "requested")


async def draft_rows(ctx: ServiceContext) -> int:
    return await count(ctx, suggestions, suggestions.c.status == "draft")


CASES: list[tuple[Callable[[], Any], Callable[[ServiceContext], Any], str]] = [
    (confirmation_requested, confirmation_rows, "requested_on"),
    (obligation_overdue, draft_rows, "due_on"),
    (warning_raised, draft_rows, "raised_on"),
]
IDS = ["confirmation_requested", "obligation_overdue", "warning_raised"]


@pytest.mark.parametrize(("build", "rows", "_field"), CASES, ids=IDS)
async def test_the_event_has_its_effect_once_even_when_redelivered(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, build: Callable[[], Any],
    rows: Callable[[ServiceContext], Any], _field: str,
) -> None:
    envelope, marker = an_envelope(build()), an_envelope(build())
    durable = durable_name("court-bridge", envelope.event_type)

    await publish(jetstream, envelope)

    async def one() -> bool:
        return bool(await rows(running) == 1)

    await eventually(one)
    before = counters(durable)
    await publish(jetstream, envelope, msg_id=str(uuid4()))  # a true redelivery
    await publish(jetstream, marker)

    async def two() -> bool:
        return bool(await rows(running) == 2)

    await eventually(two)
    after = counters(durable)
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1), "(applied, skipped as duplicate)"


@pytest.mark.parametrize(("build", "rows", "field"), CASES, ids=IDS)
async def test_an_invalid_payload_is_dead_lettered_and_the_next_applied(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, build: Callable[[], Any],
    rows: Callable[[ServiceContext], Any], field: str,
) -> None:
    valid = an_envelope(build())
    document = valid.model_dump(mode="json", by_alias=True)
    document["data"][field] = "not a date"
    stream = stream_name(parse_subject(valid.event_type).producer)
    headers = {"Nats-Msg-Id": str(uuid4())}

    await jetstream.publish(valid.event_type, json.dumps(document).encode(), stream=stream, headers=headers)
    await publish(jetstream, valid)

    async def applied() -> bool:
        return bool(await rows(running) == 1)

    await eventually(applied)
    dead = await jetstream.get_msg(DEADLETTER_STREAM, seq=1)
    assert dead.headers is not None
    assert dead.headers["Adr-Consumer"] == durable_name("court-bridge", valid.event_type)
    assert f"data.{field}" in dead.headers["Adr-Reason"]


async def test_overdue_obligations_of_others_than_agencies_and_other_warnings_propose_nothing(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    await publish(jetstream, an_envelope(obligation_overdue("applicant")))
    await publish(jetstream, an_envelope(warning_raised("high_risk")))
    marker = an_envelope(obligation_overdue())
    await publish(jetstream, marker)

    async def marker_drafted() -> bool:
        return await draft_rows(running) >= 1

    await eventually(marker_drafted)
    # the warning consumer is separate: wait until it has seen its event too
    await eventually(lambda: _consumed(running, "adr.reporting.warning.raised.v1"))
    assert await draft_rows(running) == 1


async def _consumed(ctx: ServiceContext, subject: str) -> bool:
    inbox = ctx.tables.inbox
    return await count(ctx, inbox, inbox.c.subject == subject) == 1
