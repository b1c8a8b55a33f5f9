"""Scorecards with configured weights (M10) and the subsidy ledger from approved batches (R4), over HTTP."""

import httpx
import pytest

from adr_reporting.spec import SPEC
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, service_context

from ..builders import subsidy_batch
from ..scenario import NOV, SCJ, ZJJ, ev, history
from .test_indicator_catalogue import feed

pytestmark = pytest.mark.integration


@pytest.mark.clause("M10")
async def test_scorecards_use_the_configured_weights(database_url: str) -> None:
    weights = {"head_appearance_rate": 1.0, "litigation_loss_rate": 1.0}
    async with service_context(SPEC, database_url=database_url, scorecard_weights=weights) as ctx:
        await feed(ctx, history())
        async with api_client(ctx) as client:
            body = (await client.get("/api/v1/scorecards")).json()
            one = (await client.get(f"/api/v1/scorecards/{SCJ}")).json()
            missing = await client.get("/api/v1/scorecards/WJG-NONE")

    assert body["weights"] == weights
    assert [(c["agency_code"], c["score"]) for c in body["scorecards"]] == [(ZJJ, 100.0), (SCJ, 50.0)]
    assert one["score"] == 50.0 and {i["code"] for i in one["items"]} == set(weights)
    assert missing.status_code == 404


@pytest.mark.clause("R4")
async def test_the_ledger_sums_approved_subsidies_by_period_and_mediator(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    october, november = subsidy_batch(30000, 15050, period="2026-10"), subsidy_batch(20000, period="2026-11")
    await feed(ctx, [ev(october, None, NOV), ev(november, None, NOV), ev(november, None, NOV)])

    everything = (await client.get("/api/v1/subsidies")).json()
    only_november = (await client.get("/api/v1/subsidies?period=2026-11")).json()

    assert everything["total_fen"] == 65050 and everything["total_yuan"] == "650.50"
    assert [(r["key"], r["lines"], r["amount_fen"]) for r in everything["by_period"]] == [
        ("2026-10", 2, 45050), ("2026-11", 1, 20000),
    ]
    assert len(everything["by_mediator"]) == 3
    assert only_november["total_fen"] == 20000
