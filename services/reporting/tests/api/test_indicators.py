"""The indicators API on SQLite and PostgreSQL, fed by the subscription handler in chosen orders."""

import random
from typing import Any
from uuid import uuid4

import httpx
import pytest

from adr_contracts import Envelope
from adr_reporting.messaging.subscriptions import on_dispute_event
from adr_runtime.context import ServiceContext

from ..builders import (
    EXPECTED_DISPUTES,
    EXPECTED_MEDIATION,
    a_history,
    agreed,
    an_envelope,
    mediation_first,
    registered,
)

pytestmark = [pytest.mark.integration, pytest.mark.clause("M11", "C6", "J1")]

ORDERS = {
    "as_it_happened": lambda history: history,
    "mediation_first": mediation_first,
    "reversed": lambda history: list(reversed(history)),
    "shuffled": lambda history: random.Random(20261128).sample(history, len(history)),
}


async def feed(ctx: ServiceContext, envelopes: list[Envelope[Any]]) -> None:
    """Applies each event in its own transaction, as the consumer does."""
    for envelope in envelopes:
        async with ctx.sessions() as session, session.begin():
            await on_dispute_event(session, envelope)


def without_zeros(counts: dict[str, int]) -> dict[str, int]:
    return {key: n for key, n in counts.items() if n}


async def test_indicators_are_zero_and_rate_null_before_any_event(client: httpx.AsyncClient) -> None:
    disputes = (await client.get("/api/v1/indicators/disputes")).json()
    mediation = (await client.get("/api/v1/indicators/mediation")).json()

    assert disputes["total"] == 0 and set(disputes["by_channel"].values()) == {0}
    assert disputes["by_channel"]["centre_walk_in"] == 0 and disputes["by_route"]["filing"] == 0
    assert (mediation["opened"], mediation["agreed"], mediation["failed"]) == (0, 0, 0)
    assert mediation["success_rate"] is None


@pytest.mark.parametrize("order", ORDERS)
async def test_indicators_match_the_events_in_any_arrival_order(
    ctx: ServiceContext, client: httpx.AsyncClient, order: str
) -> None:
    await feed(ctx, ORDERS[order](a_history()))

    disputes = (await client.get("/api/v1/indicators/disputes")).json()
    mediation = (await client.get("/api/v1/indicators/mediation")).json()

    assert disputes["total"] == EXPECTED_DISPUTES["total"]
    assert without_zeros(disputes["by_channel"]) == EXPECTED_DISPUTES["by_channel"]
    assert without_zeros(disputes["by_route"]) == EXPECTED_DISPUTES["by_route"]
    assert {key: mediation[key] for key in EXPECTED_MEDIATION} == EXPECTED_MEDIATION


async def test_mediation_outcome_before_registration_is_kept_and_counted_once_registered(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = uuid4()
    await feed(ctx, [an_envelope(agreed(), case_id=case_id)])

    assert (await client.get("/api/v1/indicators/mediation")).json()["agreed"] == 1
    assert (await client.get("/api/v1/indicators/disputes")).json()["total"] == 0

    await feed(ctx, [an_envelope(registered(), case_id=case_id)])

    assert (await client.get("/api/v1/indicators/disputes")).json()["total"] == 1
    assert (await client.get("/api/v1/indicators/mediation")).json()["agreed"] == 1


@pytest.mark.parametrize(
    ("path", "terms"),
    [("disputes", ("total", "by_channel", "by_route")), ("mediation", ("opened", "agreed", "failed", "success_rate"))],
)
async def test_each_indicator_states_in_chinese_what_it_counts(
    client: httpx.AsyncClient, path: str, terms: tuple[str, ...]
) -> None:
    body = (await client.get(f"/api/v1/indicators/{path}")).json()

    assert all(term in body["definition"] for term in terms)
    assert "统计" in body["definition"] or "调解" in body["definition"]
    assert body["as_of"].endswith(("Z", "+00:00"))
