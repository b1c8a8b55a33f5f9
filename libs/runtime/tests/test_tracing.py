"""One dispute, one trace: the HTTP request's trace context travels in the event to its consumers."""

import asyncio
import time
from pathlib import Path
from typing import Any

import nats
import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import select

from adr_intake.spec import SPEC as INTAKE
from adr_reporting.spec import SPEC as REPORTING
from adr_runtime.telemetry import setup_tracing
from adr_runtime.testing.service import api_client, migrated_context
from adr_runtime.worker import start_worker

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("R2")]

A_DISPUTE = {
    "channel": "centre_walk_in",
    "received_on": "2026-11-20",
    "applicants": [{"kind": "natural", "name": "张三"}],
    "agency_codes": ["WJG-SCJ"],
    "act_type": "penalty",
    "claims_summary": "请求撤销罚款决定",
}


@pytest.fixture
def spans() -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    # every service in this process shares the one provider; the exporter only listens
    setup_tracing("test").add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


async def _wait_for(exporter: InMemorySpanExporter, name: str, trace_id: int) -> Any:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for span in exporter.get_finished_spans():
            if span.name == name and span.context.trace_id == trace_id:
                return span
        await asyncio.sleep(0.1)
    names = sorted({s.name for s in exporter.get_finished_spans()})
    raise AssertionError(f"no span {name!r} in trace {trace_id:032x}; spans seen: {names}")


async def test_the_consumer_continues_the_trace_of_the_registering_request(
    tmp_path: Path, nats_url: str, jetstream: nats.js.JetStreamContext, spans: InMemorySpanExporter
) -> None:
    intake = await migrated_context(INTAKE, database_url=f"sqlite+aiosqlite:///{tmp_path / 'i.db'}", nats_url=nats_url)
    reporting = await migrated_context(
        REPORTING, database_url=f"sqlite+aiosqlite:///{tmp_path / 'r.db'}", nats_url=nats_url
    )
    workers = [await start_worker(ctx, asyncio.Event()) for ctx in (intake, reporting)]
    try:
        async with api_client(intake) as client:
            assert (await client.post("/api/v1/disputes", json=A_DISPUTE)).status_code == 201
        async with intake.sessions() as session:
            headers = (await session.execute(select(intake.tables.outbox.c.headers))).scalar_one()
        trace_id = int(headers["traceparent"].split("-")[1], 16)

        request_span = await _wait_for(spans, "POST /api/v1/disputes", trace_id)
        consumed = await _wait_for(spans, "adr.intake.dispute.registered.v1 process", trace_id)

        assert consumed.context.trace_id == request_span.context.trace_id
    finally:
        for worker in workers:
            assert worker is not None
            await worker.close()
        for ctx in (intake, reporting):
            await ctx.engine.dispose()
