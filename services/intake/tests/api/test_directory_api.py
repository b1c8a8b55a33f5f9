"""The directory API (O3) on SQLite and PostgreSQL: seed, import all-or-nothing, liaisons sealed, events."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from adr_intake.spec import SPEC
from adr_intake.store.tables import agency_liaisons, agency_units
from adr_intake.uow import IntakeUnitOfWork, pii_cipher
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, service_context

from ..decision_builders import GOOD_ROWS, HEADER, csv_bytes, xlsx_bytes

pytestmark = [pytest.mark.integration, pytest.mark.clause("O3")]

CHANGED = "adr.intake.directory.agency_changed.v1"
CSV = {"content-type": "text/csv"}


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


@pytest.fixture
async def client(ctx: ServiceContext) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(ctx) as http:
        yield http


async def outbox(ctx: ServiceContext) -> list[dict[str, Any]]:
    table = ctx.tables.outbox
    async with ctx.sessions() as session:
        rows = await session.execute(select(table.c.subject, table.c.case_id, table.c.envelope).order_by(table.c.seq))
        return [{"subject": r.subject, "case_id": r.case_id, "envelope": r.envelope} for r in rows]


async def unit_count(ctx: ServiceContext) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(agency_units)) or 0)


async def test_seeding_loads_the_district_directory_once_with_unchecked_rows_marked(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    first = await client.post("/api/v1/directory/seed")
    again = await client.post("/api/v1/directory/seed")

    assert first.json() == {"dry_run": False, "added": 37, "updated": 0, "unchanged": 0, "liaisons_added": 0}
    assert again.json()["added"] == 0 and again.json()["unchanged"] == 37
    units = {u["code"]: u for u in (await client.get("/api/v1/directory/units")).json()}
    assert units["WJG-SCJ"]["status_zh"] == "待核实" and units["WJG-SFJ"]["status_zh"] == "已核实"
    events = await outbox(ctx)
    assert len(events) == 37 and {e["subject"] for e in events} == {CHANGED}
    assert all(e["case_id"] is None and "subject" not in e["envelope"] for e in events)


async def test_an_import_with_bad_rows_reports_each_row_and_imports_nothing(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    content = csv_bytes(GOOD_ROWS[0], "WJG-X,某局,agency,county,,,no", GOOD_ROWS[1], "WJG-Y,,department,nation,,,no")

    response = await client.post("/api/v1/directory/imports", content=content, headers=CSV)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(3, "kind"), (5, "name_zh"), (5, "level")]
    assert errors[0]["message"].startswith("应为以下之一：government、department")
    assert [e["message"] for e in errors[1:]] == ["必填", "应为以下之一：county、township、city_branch"]
    assert "未导入任何数据" in response.json()["detail"]
    assert await unit_count(ctx) == 0 and await outbox(ctx) == []


async def test_an_xlsx_import_adds_units_with_their_liaisons_and_a_dry_run_stores_nothing(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    rows = [
        [*HEADER.split(","), "liaison_name", "liaison_phone", "liaison_post"],
        GOOD_ROWS[1].split(",") + ["李四", 13900001111, "法制科科长"],
    ]
    content = xlsx_bytes(rows)

    dry = await client.post("/api/v1/directory/imports?dry_run=true", content=content)
    assert dry.json()["added"] == 1 and await unit_count(ctx) == 0
    real = await client.post("/api/v1/directory/imports", content=content)

    assert real.json() == {"dry_run": False, "added": 1, "updated": 0, "unchanged": 0, "liaisons_added": 1}
    unit = (await client.get("/api/v1/directory/units/WJG-SCJ")).json()
    assert unit["liaisons"][0] | {"liaison_id": None} == {
        "liaison_id": None,
        "name": "李*",
        "phone": "139****1111",
        "post": "法制科科长",
    }


async def test_a_liaison_is_stored_sealed_and_published_only_as_a_count(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    await client.post("/api/v1/directory/imports", content=csv_bytes(GOOD_ROWS[1]), headers=CSV)

    response = await client.post(
        "/api/v1/directory/units/WJG-SCJ/liaisons", json={"name": "李四", "phone": "13900001111", "post": "科长"}
    )

    assert response.status_code == 201
    assert [(liaison["name"], liaison["phone"]) for liaison in response.json()["liaisons"]] == [("李*", "139****1111")]
    async with ctx.sessions() as session:
        raw = (await session.execute(select(agency_liaisons.c.name, agency_liaisons.c.phone))).one()
    assert "李四" not in raw.name and "13900001111" not in (raw.phone or "")
    assert raw.name.startswith("pii1.dev.")
    last = (await outbox(ctx))[-1]
    assert last["envelope"]["data"]["liaison_count"] == 1 and last["envelope"]["data"]["change"] == "updated"
    assert "李四" not in str(last) and "13900001111" not in str(last)
    async with IntakeUnitOfWork(ctx.sessions, ctx.tables, actor="test:t", cipher=pii_cipher(ctx)) as uow:
        unit = await uow.directory.get("WJG-SCJ")
    assert [(liaison.name, liaison.phone) for liaison in unit.liaisons] == [("李四", "13900001111")]


async def test_a_liaison_is_withdrawn_and_a_unit_removed_and_brought_back(client: httpx.AsyncClient) -> None:
    await client.post("/api/v1/directory/imports", content=csv_bytes(GOOD_ROWS[1]), headers=CSV)
    added = await client.post("/api/v1/directory/units/WJG-SCJ/liaisons", json={"name": "李四"})
    liaison_id = added.json()["liaisons"][0]["liaison_id"]

    removed = await client.delete(f"/api/v1/directory/units/WJG-SCJ/liaisons/{liaison_id}")
    retired = await client.delete("/api/v1/directory/units/WJG-SCJ")

    assert (removed.status_code, retired.status_code) == (204, 204)
    assert (await client.get("/api/v1/directory/units")).json() == []
    assert [u["retired"] for u in (await client.get("/api/v1/directory/units?include_retired=true")).json()] == [True]
    back = await client.patch("/api/v1/directory/units/WJG-SCJ", json={"verified": True, "source": "区政府门户核对"})
    assert back.json()["retired"] is False and back.json()["status_zh"] == "已核实"


async def test_units_are_created_once_and_a_verified_unit_needs_its_source(client: httpx.AsyncClient) -> None:
    unit = {"code": "WJG-XFJ", "name_zh": "伍家岗区信访局", "kind": "department", "level": "county"}

    created = await client.post("/api/v1/directory/units", json=unit)
    duplicate = await client.post("/api/v1/directory/units", json=unit)
    unsourced = await client.patch("/api/v1/directory/units/WJG-XFJ", json={"verified": True})
    unknown = await client.get("/api/v1/directory/units/WJG-NONE")

    assert created.status_code == 201 and created.headers["location"] == "/api/v1/directory/units/WJG-XFJ"
    assert (duplicate.status_code, unsourced.status_code, unknown.status_code) == (409, 422, 404)
    assert "来源" in unsourced.json()["detail"]
