"""The board's paging: keyset cursors, exact totals, and the estimated total of a large unfiltered list."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from uuid import uuid4

import httpx
import pytest
from sqlalchemy import text

from adr_intake import board
from adr_intake.board import Cursor, InvalidCursor
from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context

pytestmark = [pytest.mark.integration, pytest.mark.clause("O3")]


def _dispute(n: int, channel: str = "centre_walk_in") -> dict[str, object]:
    return {
        "channel": channel,
        "received_on": "2026-11-20",
        "applicants": [{"kind": "natural", "name": f"申请人{n}"}],
        "agency_codes": ["WJG-SCJ"],
        "act_type": "penalty",
        "claims_summary": "请求撤销罚款决定",
    }


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    ctx = await migrated_context(SPEC, database_url=database_url)
    async with api_client(ctx) as http:
        for n in range(7):
            (await http.post("/api/v1/disputes", json=_dispute(n, "court_delegation" if n < 2 else "centre_walk_in")))
        yield http
    await ctx.engine.dispose()


async def test_following_next_cursor_visits_every_dispute_once_newest_first(client: httpx.AsyncClient) -> None:
    everything = (await client.get("/api/v1/disputes")).json()
    seen: list[str] = []
    params: dict[str, str | int] = {"limit": 3}
    while True:
        page = (await client.get("/api/v1/disputes", params=params)).json()
        seen += [d["case_id"] for d in page["items"]]
        if page["next_cursor"] is None:
            break
        params = {"limit": 3, "cursor": page["next_cursor"]}

    assert seen == [d["case_id"] for d in everything["items"]]
    assert len(seen) == everything["total"] == 7
    assert everything["total_is_estimate"] is False and everything["next_cursor"] is None


async def test_cursor_pages_keep_the_filter_and_the_exact_total(client: httpx.AsyncClient) -> None:
    first = (await client.get("/api/v1/disputes", params={"limit": 1, "channel": "court_delegation"})).json()
    second = (
        await client.get(
            "/api/v1/disputes", params={"limit": 1, "channel": "court_delegation", "cursor": first["next_cursor"]}
        )
    ).json()

    assert first["total"] == second["total"] == 2
    assert {d["channel"] for d in first["items"] + second["items"]} == {"court_delegation"}
    assert first["items"][0]["case_id"] != second["items"][0]["case_id"]


async def test_a_cursor_the_service_did_not_give_is_a_422_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/disputes", params={"cursor": "bm90LWEtY3Vyc29y"})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["cursor"]


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_large_unfiltered_board_shows_an_estimated_total_a_filtered_one_an_exact_one(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = client._transport.app.state.ctx  # type: ignore[attr-defined]
    async with ctx.engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("ANALYZE disputes"))  # the statistics the estimate reads
    monkeypatch.setattr(board, "ESTIMATE_FROM", 5)

    unfiltered = (await client.get("/api/v1/disputes")).json()
    filtered = (await client.get("/api/v1/disputes", params={"channel": "centre_walk_in"})).json()
    page = await client.get("/board")

    assert unfiltered["total_is_estimate"] is True and unfiltered["total"] == 7
    assert filtered["total_is_estimate"] is False and filtered["total"] == 5
    assert "约 7 件" in page.text


async def test_a_small_board_is_counted_exactly(client: httpx.AsyncClient) -> None:
    page = await client.get("/board")

    assert "共 7 件" in page.text


def test_a_cursor_survives_its_token_and_rejects_forgeries() -> None:
    cursor = Cursor(datetime(2026, 11, 28, 8, 30, 1, 123456, tzinfo=UTC), uuid4())

    assert Cursor.decode(cursor.encode()) == cursor
    for forged in ("", "!!!", "MjAyNi0xMS0yOA", Cursor.encode(cursor)[:-4]):
        with pytest.raises(InvalidCursor):
            Cursor.decode(forged)
