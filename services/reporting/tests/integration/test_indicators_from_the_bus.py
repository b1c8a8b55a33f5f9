"""The whole path: events on the real nats-server, out of order across streams, to the indicators API."""

import asyncio
import time
from typing import Any

import nats
import pytest

from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client

from ..builders import EXPECTED_DISPUTES, EXPECTED_MEDIATION, a_history, mediation_first, publish

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("M11", "C6")]


async def test_indicators_match_events_published_out_of_order(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    for envelope in mediation_first(a_history()):
        await publish(jetstream, envelope)

    async with api_client(running) as client:
        deadline = time.monotonic() + 30
        while True:
            disputes = (await client.get("/api/v1/indicators/disputes")).json()
            mediation = (await client.get("/api/v1/indicators/mediation")).json()
            if _matches(disputes, mediation) or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)

    assert {k: v for k, v in disputes["by_channel"].items() if v} == EXPECTED_DISPUTES["by_channel"]
    assert {k: v for k, v in disputes["by_route"].items() if v} == EXPECTED_DISPUTES["by_route"]
    assert {key: mediation[key] for key in EXPECTED_MEDIATION} == EXPECTED_MEDIATION


def _matches(disputes: dict[str, Any], mediation: dict[str, Any]) -> bool:
    routed = sum(disputes["by_route"].values())
    return (disputes["total"], routed, mediation["failed"]) == (5, 4, 1) and mediation["in_progress"] == 1
