"""The boundary to the court's systems (K2): batch import and export of court records as JSON and CSV,
bad rows reported row by row and nothing half-imported; every route documented in OpenAPI."""

from uuid import uuid4

import httpx
import pytest

from adr_court_bridge.spec import SPEC
from adr_runtime.api_deps import get_clock
from adr_runtime.context import ServiceContext
from adr_runtime.http import create_service_app

from ..builders import T0, a_filed_case, outbox_events

pytestmark = [pytest.mark.integration, pytest.mark.clause("K2")]


@pytest.fixture(autouse=True)
def fixed_clock(client: httpx.AsyncClient) -> None:
    client._transport.app.dependency_overrides[get_clock] = lambda: T0  # type: ignore[attr-defined]


def a_record(serial: int, **changes: object) -> dict[str, object]:
    return {
        "case_id": str(uuid4()),
        "court_case_no": f"（2026）鄂0503行初{serial}号",
        "filed_on": "2026-11-23",
        "first_received_on": "2026-11-02",
        "agency_codes": ["WJG-SCJ"],
        "after_mediation": False,
        **changes,
    }


async def test_a_json_batch_is_imported_published_and_exported_as_json_and_csv(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    records = [a_record(101), a_record(102, agency_codes=["WJG-SCJ", "WJG-ZJJ"], after_mediation=True)]

    response = await client.post("/api/v1/court-records/import", json=records)

    assert response.json() == {"imported": 2}
    assert len(await outbox_events(ctx, "adr.court.case.filed.v1")) == 2
    exported = (await client.get("/api/v1/court-records/export")).json()
    assert [(r["case_id"], r["origin"]) for r in exported] == [
        (records[0]["case_id"], "import"),
        (records[1]["case_id"], "import"),
    ]
    csv_text = (await client.get("/api/v1/court-records/export", params={"format": "csv"})).text
    assert (
        csv_text.splitlines()[0]
        == "case_id,court_case_no,filed_on,first_received_on,agency_codes,after_mediation,origin"
    )
    assert "WJG-SCJ;WJG-ZJJ" in csv_text


async def test_an_exported_csv_imports_into_another_court_bridge_unchanged(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    header = "case_id,court_case_no,filed_on,first_received_on,agency_codes,after_mediation\n"
    body = header + f"{uuid4()},(2026)鄂0503行初7号,2026-11-23,2026-11-02,WJG-SCJ;WJG-ZJJ,是\n"

    response = await client.post(
        "/api/v1/court-records/import", content=("\ufeff" + body).encode(), headers={"content-type": "text/csv"}
    )

    assert response.json() == {"imported": 1}, response.text
    [record] = (await client.get("/api/v1/court-records/export")).json()
    assert (record["court_case_no"], record["agency_codes"], record["after_mediation"]) == (
        "（2026）鄂0503行初7号",
        ["WJG-SCJ", "WJG-ZJJ"],
        True,
    )


async def test_bad_rows_are_reported_row_by_row_and_nothing_is_imported(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    good = a_record(201)
    header = "case_id,court_case_no,filed_on,first_received_on,agency_codes,after_mediation\n"
    rows = [
        f"{good['case_id']},（2026）鄂0503行初201号,2026-11-23,2026-11-02,WJG-SCJ,false",
        "not-a-uuid,（2026）鄂0503行初202号,2026-11-23,2026-11-02,WJG-SCJ,false",
        f"{uuid4()},(2014)鄂孝南民初字第02154号,2026-13-01,2026-11-02,,maybe",
        f"{uuid4()},（2026）鄂0503行初201号,2026-11-23,2026-11-02,WJG-SCJ,false",
        f"{uuid4()},（2026）鄂0503行初203号,2026-11-01,2026-11-02,WJG-SCJ,false",
    ]

    response = await client.post(
        "/api/v1/court-records/import",
        content=(header + "\n".join(rows)).encode(),
        headers={"content-type": "text/csv"},
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problems = {(e["row"], e["field"]) for e in response.json()["errors"]}
    assert problems == {
        (2, "case_id"),
        (3, "court_case_no"),
        (3, "filed_on"),
        (3, "agency_codes"),
        (3, "after_mediation"),
        (4, "court_case_no"),
        (5, "first_received_on"),
    }
    assert all(e["message"] for e in response.json()["errors"])
    assert "未导入任何记录" in response.json()["detail"]
    assert (await client.get("/api/v1/court-records/export")).json() == []
    assert await outbox_events(ctx, "adr.court.case.filed.v1") == []


async def test_a_clash_with_a_case_already_filed_rejects_the_whole_batch(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = await a_filed_case(ctx, client)  # takes （2026）鄂0503行初1号

    response = await client.post(
        "/api/v1/court-records/import", json=[a_record(300), a_record(1), a_record(301, case_id=str(case_id))]
    )

    assert response.status_code == 422
    assert {(e["row"], e["field"]) for e in response.json()["errors"]} == {(2, "court_case_no"), (3, "case_id")}
    assert len((await client.get("/api/v1/court-records/export")).json()) == 1


@pytest.mark.parametrize(
    ("content", "ctype"),
    [
        (b"{not json", "application/json"),
        (b'{"a": 1}', "application/json"),
        (b"a,b\n1,2", "text/csv"),
        (b"[]", "application/json"),
    ],
)
async def test_malformed_batches_are_problems_not_crashes(
    client: httpx.AsyncClient, content: bytes, ctype: str
) -> None:
    response = await client.post("/api/v1/court-records/import", content=content, headers={"content-type": ctype})

    assert response.status_code == 422
    assert response.json()["errors"][0]["row"] == 0


async def test_every_route_is_documented_in_openapi(ctx: ServiceContext) -> None:
    schema = create_service_app(ctx).openapi()

    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        if path.startswith("/api/")
        for method, operation in operations.items()
        if not operation.get("description") and not operation.get("summary")
    ]
    assert undocumented == []
    assert "text/csv" in schema["paths"]["/api/v1/court-records/import"]["post"]["requestBody"]["content"]
    assert SPEC.name == "court-bridge"
