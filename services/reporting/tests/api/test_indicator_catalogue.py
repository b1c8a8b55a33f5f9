"""The indicator catalogue over HTTP: each number beside its definition, per agency and period, as of a date."""

from typing import Any

import httpx
import pytest

from adr_contracts import Envelope
from adr_reporting.messaging.subscriptions import on_dispute_event
from adr_runtime.context import ServiceContext

from ..scenario import EXPECTED, SCJ, history

pytestmark = [pytest.mark.integration, pytest.mark.clause("M11", "J1", "M5", "M7", "M9", "M10")]


async def feed(ctx: ServiceContext, envelopes: list[Envelope[Any]]) -> None:
    for envelope in envelopes:
        async with ctx.sessions() as session, session.begin():
            await on_dispute_event(session, envelope)


async def test_every_indicator_is_served_with_its_definition(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    await feed(ctx, history())

    body = (await client.get("/api/v1/indicators")).json()

    served = {i["code"]: i for i in body["indicators"]}
    for code, (numerator, denominator, value) in EXPECTED.items():
        assert (served[code]["numerator"], served[code]["denominator"], served[code]["value"]) == (
            numerator, denominator, value,
        ), code
        assert served[code]["definition"]["numerator"] and served[code]["definition"]["sources"]
    assert served["petition_rate"]["available"] is False and "无数据" in served["petition_rate"]["unavailable_reason"]


async def test_as_of_period_and_agency_narrow_the_numbers(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    await feed(ctx, history())

    before = (await client.get("/api/v1/indicators/rates/mediation_success_rate?as_of=2026-11-30")).json()
    december = (await client.get("/api/v1/indicators/rates/mediation_success_rate?period=2026-12")).json()
    scj = (await client.get(f"/api/v1/indicators/rates/head_appearance_rate?agency={SCJ}")).json()
    by_agency = (await client.get("/api/v1/indicators/agencies")).json()

    assert before["value"] is None and before["denominator"] == 0
    assert december["value"] == 0.5
    assert (scj["numerator"], scj["denominator"]) == (1, 2)
    assert [row["agency_code"] for row in by_agency["agencies"]] == ["WJG-SCJ", "WJG-ZJJ"]
    assert by_agency["agencies"][1]["indicators"]["disputes_registered"]["value"] == 2


async def test_trend_stages_and_positions(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    await feed(ctx, history())

    trend = (await client.get("/api/v1/indicators/trend?months=3&as_of=2026-12-31")).json()
    stages = (await client.get("/api/v1/indicators/stages")).json()
    positions = (await client.get("/api/v1/indicators/positions")).json()

    assert trend["months"] == ["2026-10", "2026-11", "2026-12"]
    assert trend["series"]["registered"] == [0, 6, 0] and trend["series"]["agreed"] == [0, 0, 1]
    assert stages["by_stage"]["resolved"] == 2 and stages["labels"]["mediation"] == "调解中"
    assert positions["journal_size"] == len(history())


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/v1/indicators?as_of=2026-13-01", 422, "as_of"),
        ("/api/v1/indicators?period=2026-13", 422, None),
        ("/api/v1/indicators?from=2026-12-01&to=2026-11-01", 422, None),
        ("/api/v1/indicators/rates/nonsense", 404, None),
        ("/api/v1/indicators/trend?months=0", 422, "months"),
    ],
)
async def test_bad_queries_are_problems_not_crashes(
    client: httpx.AsyncClient, url: str, status: int, field: str | None
) -> None:
    response = await client.get(url)

    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    if field:
        assert field in response.text
