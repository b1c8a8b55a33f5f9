"""Restricted cases (O3) and the audited read of a dispute's personal data (O2), through the HTTP API."""

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select

from adr_contracts.intake import DisputeRoutedV1
from adr_intake.spec import SPEC
from adr_runtime.auth import Role
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.testkit import audit_trail
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import ADMIN, api_client, migrated_context, signed_in_as

pytestmark = [pytest.mark.integration, pytest.mark.clause("O3", "O2")]

REGISTRATION = {
    "channel": "centre_walk_in",
    "received_on": "2026-11-20",
    "agency_codes": ["WJG-SCJ"],
    "act_type": "penalty",
    "applicants": [{"kind": "natural", "name": "张三", "id_no": "11010519491231002X", "phone": "13800000000"}],
    "claims_summary": "请求撤销罚款决定",
    "mediation_consent": True,
}
NAMED = signed_in_as(Role.CENTRE_STAFF, subject="li.centre")
OTHER = signed_in_as(Role.CENTRE_STAFF, subject="zhou.centre")
FOREIGN_LIAISON = signed_in_as(Role.AGENCY_LIAISON, subject="zhao.zjj", agency_code="WJG-ZJJ")


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    context = await migrated_context(SPEC, database_url=database_url)  # SQLite and PostgreSQL
    yield context
    await context.engine.dispose()


async def register(ctx: ServiceContext) -> str:
    async with api_client(ctx, principal=NAMED) as http:
        response = await http.post("/api/v1/disputes", json=REGISTRATION)
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


async def restrict(ctx: ServiceContext, case_id: str, subjects: list[str]) -> httpx.Response:
    async with api_client(ctx, principal=NAMED) as http:
        return await http.post(f"/api/v1/disputes/{case_id}/restriction", json={"restricted_to": subjects})


def gate_of(http: httpx.AsyncClient) -> AuthGate:
    return http._transport.app.state.auth  # type: ignore[attr-defined,no-any-return]


async def sight(ctx: ServiceContext, principal: object, case_id: str) -> tuple[int, int, int]:
    """(GET status, listed total, whether the board shows it) as ``principal`` sees the dispute."""
    async with api_client(ctx, principal=principal) as http:  # type: ignore[arg-type]
        shown = await http.get(f"/api/v1/disputes/{case_id}")
        listed = await http.get("/api/v1/disputes")
        board = await http.get("/board", headers={"Accept": "text/html"})
    return shown.status_code, listed.json()["total"], int("WJG-2026-000001" in board.text)


async def test_a_restricted_dispute_is_seen_only_by_the_people_named_and_administrators(
    ctx: ServiceContext,
) -> None:
    case_id = await register(ctx)

    restricted = await restrict(ctx, case_id, ["li.centre"])

    assert restricted.status_code == 200, restricted.text
    assert restricted.json()["restricted"] is True and "li.centre" not in restricted.text
    assert await sight(ctx, OTHER, case_id) == (403, 0, 0)
    assert await sight(ctx, NAMED, case_id) == (200, 1, 1)
    assert await sight(ctx, ADMIN, case_id) == (200, 1, 1)
    async with api_client(ctx, principal=OTHER) as http:
        denials = [row for row in await audit_trail(gate_of(http)) if row[0] == "permission_denied"]
    assert denials == [("permission_denied", "staff:zhou.centre", case_id)]


async def test_lifting_the_restriction_shows_the_dispute_again_and_both_are_in_the_history(
    ctx: ServiceContext,
) -> None:
    case_id = await register(ctx)
    await restrict(ctx, case_id, ["li.centre", "oidc-sub-7f3a"])

    lifted = await restrict(ctx, case_id, [])

    assert lifted.status_code == 200 and lifted.json()["restricted"] is False
    assert await sight(ctx, OTHER, case_id) == (200, 1, 1)
    async with api_client(ctx, principal=OTHER) as http:
        history = (await http.get(f"/api/v1/disputes/{case_id}/history")).json()
    notes = [(h["action"], h["actor"], h["details"]) for h in history[-2:]]
    assert notes == [
        ("intake.dispute.restricted", "staff:li.centre", {"people": 2}),
        ("intake.dispute.restriction_lifted", "staff:li.centre", {"people": 0}),
    ]


async def test_a_restriction_names_one_to_twenty_people_and_only_writers_set_it(ctx: ServiceContext) -> None:
    case_id = await register(ctx)

    too_many = await restrict(ctx, case_id, [f"user{i}" for i in range(21)])
    blank = await restrict(ctx, case_id, [" "])
    async with api_client(ctx, principal=signed_in_as(Role.JUSTICE_ANALYST)) as http:
        reader = await http.post(f"/api/v1/disputes/{case_id}/restriction", json={"restricted_to": ["x"]})
    unknown = await restrict(ctx, "0190f1f2-0000-7000-8000-000000000000", ["li.centre"])

    assert too_many.status_code == blank.status_code == 422
    assert reader.status_code == 403
    assert unknown.status_code == 404


async def test_the_parties_are_read_unmasked_by_centre_staff_and_the_read_is_audited(ctx: ServiceContext) -> None:
    case_id = await register(ctx)

    async with api_client(ctx, principal=OTHER) as http:
        response = await http.get(f"/api/v1/disputes/{case_id}/parties")
        trail = await audit_trail(gate_of(http))

    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    assert response.json() == {
        "case_id": case_id,
        "applicants": [{"kind": "natural", "name": "张三", "id_no": "11010519491231002X", "phone": "13800000000"}],
        "claims_summary": "请求撤销罚款决定",
    }
    assert ("personal_data_read", "staff:zhou.centre", case_id) in trail


async def test_the_parties_are_refused_to_a_liaison_of_another_agency_and_to_people_not_named(
    ctx: ServiceContext,
) -> None:
    case_id = await register(ctx)
    async with api_client(ctx, principal=FOREIGN_LIAISON) as http:
        foreign = await http.get(f"/api/v1/disputes/{case_id}/parties")
    await restrict(ctx, case_id, ["li.centre"])
    async with api_client(ctx, principal=OTHER) as http:
        not_named = await http.get(f"/api/v1/disputes/{case_id}/parties")
        trail = await audit_trail(gate_of(http))

    assert foreign.status_code == not_named.status_code == 403
    assert "张三" not in foreign.text + not_named.text
    assert [row[0] for row in trail if row[2] == case_id] == ["permission_denied", "permission_denied"]


async def test_the_routed_event_carries_the_channel_and_the_restriction(ctx: ServiceContext) -> None:
    """Mediation learns whom a restricted case is limited to from the route itself (O3, #3)."""
    case_id = await register(ctx)
    assert (await restrict(ctx, case_id, ["li.centre", "wang.mediator"])).status_code == 200

    async with api_client(ctx, principal=NAMED) as http:
        routed = await http.post(
            f"/api/v1/disputes/{case_id}/route", json={"route": "mediation", "reason_code": "mediable"}
        )
    assert routed.status_code == 200, routed.text

    async with ctx.sessions() as session:
        rows = (await session.execute(select(ctx.tables.outbox.c.subject, ctx.tables.outbox.c.envelope))).all()
    envelopes = [envelope for subject, envelope in rows if subject == DisputeRoutedV1.SUBJECT]
    assert len(envelopes) == 1
    data = envelopes[0]["data"]
    assert data["restricted_to"] == ["li.centre", "wang.mediator"]
    assert data["channel"] == "centre_walk_in"
