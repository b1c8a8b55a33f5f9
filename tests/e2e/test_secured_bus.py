"""The services work on a nats-server that enforces the permissions generated from the contracts (#9, #10).

Each worker connects as its own NATS user with its own inbox prefix (settings ``NATS_USER``,
``NATS_PASSWORD``). A dispute registered and routed at intake reaches mediation, whose case opening
reaches intake's board again: publishing, pulling, acknowledging and replying all pass the server's
checks. A service that is not in a contract's audience cannot read it even with the runtime's own code.
"""

import asyncio
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import nats
import pytest
from sqlalchemy import select

from adr_contracts.services import SERVICES
from adr_contracts.subjects import durable_name
from adr_intake.spec import SPEC as INTAKE
from adr_mediation.spec import SPEC as MEDIATION
from adr_runtime.localnats import LocalNatsServer
from adr_runtime.nats_permissions import (
    OPERATOR,
    PROVISIONER,
    all_users,
    inbox_prefix,
    password_variable,
    render_nats_conf,
)
from adr_runtime.provisioning import ProvisioningPolicy, provision
from adr_runtime.testing import infra
from adr_runtime.testing.service import api_client, migrated_context, running_worker
from adr_runtime.testing.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("O2", "R2")]

USERS = [*SERVICES, PROVISIONER, OPERATOR]


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A nats-server running the generated users; streams provisioned by the provisioner user."""
    if not infra.nats_binary_available():
        infra.require_or_skip("no nats-server binary")
    store = tmp_path_factory.mktemp("secured-bus")
    passwords = {user: secrets.token_urlsafe(16) for user in USERS}
    conf = store / "nats.conf"
    variables = "".join(f'{password_variable(user)}: "{passwords[user]}"\n' for user in USERS)
    conf.write_text(variables + render_nats_conf(all_users()), encoding="utf-8")
    server = LocalNatsServer(store, extra_args=["-c", str(conf)])
    server.start()

    async def provision_as_provisioner() -> None:
        connection = await nats.connect(
            server.url, user=PROVISIONER, password=passwords[PROVISIONER], inbox_prefix=inbox_prefix(PROVISIONER)
        )
        try:
            await provision(connection.jetstream(), ProvisioningPolicy())
        finally:
            await connection.close()

    try:
        asyncio.run(provision_as_provisioner())
        yield server.url, passwords
    finally:
        server.stop()


@pytest.fixture
async def services(secured: tuple[str, dict[str, str]], tmp_path: Path) -> AsyncIterator[dict[str, Any]]:
    url, passwords = secured
    contexts = {}
    for spec in (INTAKE, MEDIATION):
        contexts[spec.name] = await migrated_context(
            spec,
            database_url=f"sqlite+aiosqlite:///{tmp_path / spec.name}.db",
            nats_url=url,
            nats_user=spec.name,
            nats_password=passwords[spec.name],
        )
    async with running_worker(contexts["intake"]), running_worker(contexts["mediation"]):
        yield contexts
    for ctx in contexts.values():
        await ctx.engine.dispose()


async def test_a_routed_dispute_crosses_the_secured_bus_both_ways(services: dict[str, Any]) -> None:
    registration = {
        "channel": "centre_walk_in",
        "received_on": "2026-11-20",
        "agency_codes": ["WJG-SCJ"],
        "act_type": "penalty",
        "applicants": [{"kind": "natural", "name": "张三"}],
        "claims_summary": "请求撤销罚款决定",
        "mediation_consent": True,
    }
    async with api_client(services["intake"]) as intake, api_client(services["mediation"]) as mediation:
        case_id = (await intake.post("/api/v1/disputes", json=registration)).json()["case_id"]
        routed = await intake.post(
            f"/api/v1/disputes/{case_id}/route", json={"route": "mediation", "reason_code": "mediable"}
        )
        assert routed.status_code == 200, routed.text

        async def opened() -> bool:
            listed = await mediation.get("/api/v1/mediation-cases", params={"case_id": case_id})
            return listed.status_code == 200 and len(listed.json()["items"]) == 1

        async def followed() -> bool:
            return (await intake.get(f"/api/v1/disputes/{case_id}")).json()["stage"] == "mediating"

        await eventually(opened, what="mediation opens the case")
        await eventually(followed, what="intake's board follows mediation")
        # each hand-off's receipt crossed the secured bus back to its producer, with the body's hash matched
        await eventually(
            lambda: _receipted(services["intake"], intake, case_id, "adr.intake.dispute.routed.v1", "mediation"),
            what="mediation's receipt for the route recorded at intake",
        )
        await eventually(
            lambda: _receipted(services["mediation"], mediation, case_id, "adr.mediation.case.opened.v1", "intake"),
            what="intake's receipt for the opening recorded at mediation",
        )


async def _receipted(ctx: Any, client: Any, case_id: str, subject: str, consumer: str) -> bool:
    """True once the producer's proof API shows a matched receipt from ``consumer`` for the case's event."""
    table = ctx.tables.outbox
    async with ctx.sessions() as session:
        event_id = await session.scalar(
            select(table.c.event_id).where(table.c.subject == subject, table.c.case_id == UUID(case_id))
        )
    if event_id is None:
        return False
    proof = (await client.get("/api/v1/handoff-receipts", params={"event_id": str(event_id)})).json()
    return any(r["consumer"] == consumer and r["verdict"] == "matched" for r in proof.get("receipts", []))


async def test_a_service_outside_the_audience_cannot_read_with_its_own_credentials(
    secured: tuple[str, dict[str, str]],
) -> None:
    url, passwords = secured
    connection = await nats.connect(
        url,
        user="reporting",
        password=passwords["reporting"],
        inbox_prefix=inbox_prefix("reporting"),
        max_reconnect_attempts=0,
        error_cb=_ignore,
    )
    try:
        js = connection.jetstream()
        with pytest.raises((TimeoutError, nats.errors.Error)):
            await js.consumer_info("ADR_COURT", durable_name("intake", "adr.court.dispute.delegated.v1"), timeout=1)
    finally:
        await connection.close()


async def _ignore(exc: Exception) -> None:
    """Permission violations also arrive as asynchronous errors; the test asserts on the call."""


async def test_the_dead_letter_desk_works_with_the_operator_user(
    secured: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    """A letter rejected by intake is listed and discarded through the operator's credentials (#10 item 7)."""
    url, passwords = secured
    ctx = await migrated_context(
        INTAKE,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}",
        nats_url=url,
        nats_user="intake",
        nats_password=passwords["intake"],
        ops_nats_user="operator",
        ops_nats_password=passwords["operator"],
    )
    mediation = await nats.connect(
        url, user="mediation", password=passwords["mediation"], inbox_prefix=inbox_prefix("mediation")
    )
    try:
        async with running_worker(ctx), api_client(ctx) as desk:
            await mediation.jetstream().publish(
                "adr.mediation.case.opened.v1",
                b"not an event",
                stream="ADR_MEDIATION",
                headers={"Nats-Msg-Id": secrets.token_hex(8)},
            )

            async def listed() -> list[Any]:
                items: list[Any] = (await desk.get("/api/v1/dead-letters")).json().get("items", [])
                return [i for i in items if i["subject"] == "adr.mediation.case.opened.v1"]

            [letter] = await eventually(listed, what="the letter on the desk")
            gone = await desk.post(
                f"/api/v1/dead-letters/{letter['sequence']}/discard", json={"reason": "测试：无效消息"}
            )
            assert gone.status_code == 204, gone.text
            await desk._transport.app.state.ops_nats.close()  # type: ignore[attr-defined]
    finally:
        await mediation.close()
        await ctx.engine.dispose()
