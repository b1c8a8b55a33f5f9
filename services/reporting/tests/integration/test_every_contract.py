"""Every contract reporting reads reaches the journal from the real nats-server, with its stream position (M11, J1)."""

import nats
import pytest
from sqlalchemy import select

from adr_contracts.subjects import parse_subject, stream_name
from adr_reporting.store.tables import projection_positions, report_facts
from adr_runtime.context import ServiceContext

from ..builders import EVERY_CONTRACT, agency_changed, an_envelope, eventually, publish, reference_envelope

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("M11", "J1")]


async def test_each_event_is_journalled_with_its_stream_sequence(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    envelopes = [an_envelope(build()) for build in EVERY_CONTRACT] + [reference_envelope(agency_changed())]
    for envelope in envelopes:
        await publish(jetstream, envelope)

    async def journalled() -> list[tuple[object, ...]]:
        async with running.sessions() as session:
            rows = (await session.execute(select(report_facts.c.subject, report_facts.c.stream,
                                                 report_facts.c.stream_seq))).all()
        return [tuple(r) for r in rows] if len(rows) == len(envelopes) else []

    rows = await eventually(journalled, what="every event journalled")
    assert {r[0] for r in rows} == {e.event_type for e in envelopes}
    for subject, stream, sequence in rows:
        assert stream == stream_name(parse_subject(subject).producer) and sequence >= 1
    async with running.sessions() as session:
        stored = (await session.execute(select(projection_positions))).all()
    positions = {(p.projection, p.stream): p.sequence for p in stored}
    last = {}
    for _, stream, sequence in rows:
        last[stream] = max(last.get(stream, 0), sequence)
    assert {stream: positions[("journal", stream)] for stream in last} == last
    assert ("disputes", "ADR_INTAKE") in positions and ("subsidies", "ADR_MEDIATION") in positions
