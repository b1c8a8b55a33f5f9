"""The court side's events reach mediation through the real worker on a real nats-server: the case filed in
court, the agency's resolution plan, and the ruling on judicial confirmation; then the whole journey from the
centre's routing to a performed agreement and a subsidy."""

import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import httpx
import nats
import pytest
from sqlalchemy import select

from adr_contracts import ContractModel, Envelope, envelope_for
from adr_contracts.court import CaseFiledV1, ConfirmationRuledV1, ResolutionPlanSubmittedV1
from adr_contracts.vocabulary import ConfirmationOutcome
from adr_mediation.spec import SPEC
from adr_mediation.store.tables import mediation_cases, resolution_plans
from adr_runtime.api_deps import get_clock
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, migrated_context, running_worker

from ..builders import T0, a_routing, open_case
from ..waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.nats]

BASE = "/api/v1/mediation-cases"


@pytest.fixture
async def ctx(database_url: str, nats_url: str, jetstream: nats.js.JetStreamContext) -> AsyncIterator[ServiceContext]:
    context = await migrated_context(SPEC, database_url=database_url, nats_url=nats_url)
    async with running_worker(context):
        yield context
    await context.engine.dispose()


def client(ctx: ServiceContext, now: datetime = T0) -> httpx.AsyncClient:
    http = api_client(ctx)
    http._transport.app.dependency_overrides[get_clock] = lambda: now  # type: ignore[attr-defined]
    return http


async def publish(js: nats.js.JetStreamContext, subject: str, body: bytes, stream: str = "ADR_COURT") -> None:
    await js.publish(subject, body, stream=stream, headers={"Nats-Msg-Id": str(uuid4())})


def court_event(payload: ContractModel, case_id: UUID) -> Envelope[Any]:
    return envelope_for(payload, case_id=case_id, correlation_id=uuid4(), occurred_at=T0)


async def case_row(ctx: ServiceContext, mediation_case_id: UUID) -> Any:
    async with ctx.sessions() as session:
        return (await session.execute(select(mediation_cases).where(mediation_cases.c.id == mediation_case_id))).one()


async def history(ctx: ServiceContext, action: str) -> list[Any]:
    table = ctx.tables.case_history
    async with ctx.sessions() as session:
        return list((await session.execute(select(table).where(table.c.action == action))).all())


async def dead_letters(js: nats.js.JetStreamContext, expected: int) -> list[str]:
    async def held() -> bool:
        return (await js.stream_info("ADR_DEADLETTER")).state.messages >= expected

    await eventually(held)
    info = await js.stream_info("ADR_DEADLETTER")
    assert info.state.messages == expected
    return [(await js.get_msg("ADR_DEADLETTER", seq)).headers["Adr-Reason"]
            for seq in range(info.state.first_seq, info.state.last_seq + 1)]


async def case_id_of(ctx: ServiceContext, mediation_case_id: UUID) -> UUID:
    return UUID(str((await case_row(ctx, mediation_case_id)).case_id))


def filed(**changes: Any) -> CaseFiledV1:
    return CaseFiledV1(**{"court_case_no": "（2026）沪0101行初123号", "filed_on": date(2026, 12, 22),
                          "first_received_on": date(2026, 11, 20), "agency_codes": ["WJG-SCJ"],
                          "after_mediation": True, **changes})


def plan(version: int = 1) -> ResolutionPlanSubmittedV1:
    return ResolutionPlanSubmittedV1(plan_id=UUID(int=7), version=version, agency_code="WJG-SCJ",
                                     submitted_on=date(2026, 12, 5), defence_due_on=date(2026, 12, 20), on_time=True,
                                     evidence_count=3)


@pytest.mark.clause("A2")
async def test_case_filed_marks_the_case_filed_once_and_an_invalid_one_is_dead_lettered(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    mediation_case_id = await open_case(ctx)
    event = court_event(filed(), await case_id_of(ctx, mediation_case_id))
    broken = json.loads(event.to_json())
    broken["data"]["filed_on"] = "not a date"

    await publish(jetstream, CaseFiledV1.SUBJECT, event.to_json())
    await publish(jetstream, CaseFiledV1.SUBJECT, event.to_json())  # a redelivery: the inbox absorbs it
    await publish(jetstream, CaseFiledV1.SUBJECT, json.dumps(broken).encode())

    async def marked() -> bool:
        return (await case_row(ctx, mediation_case_id)).court_case_no is not None

    await eventually(marked)
    [reason] = await dead_letters(jetstream, 1)
    assert reason.startswith("invalid contract:") and "filed_on" in reason
    assert len(await history(ctx, "court.case.filed")) == 1
    assert (await case_row(ctx, mediation_case_id)).version == 1


@pytest.mark.clause("W2")
async def test_the_agencys_resolution_plan_shows_on_the_timeline_with_its_version(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    mediation_case_id = await open_case(ctx)
    case_id = await case_id_of(ctx, mediation_case_id)
    first, second = court_event(plan(1), case_id), court_event(plan(2), case_id)
    broken = json.loads(first.to_json())
    broken["data"]["version"] = 0

    for body in (first.to_json(), first.to_json(), json.dumps(broken).encode(), second.to_json()):
        await publish(jetstream, ResolutionPlanSubmittedV1.SUBJECT, body)

    async def both() -> bool:
        async with ctx.sessions() as session:
            return len((await session.execute(select(resolution_plans))).all()) == 2

    await eventually(both)
    await dead_letters(jetstream, 1)
    assert len(await history(ctx, "court.resolution_plan.submitted")) == 2
    async with client(ctx) as http:
        page = await http.get(f"/cases/{mediation_case_id}")
    assert "机关化解方案第 2 版" in page.text and "机关向法院提交实质性化解方案（第 1 版）" in page.text


@pytest.mark.clause("W3", "W4", "M10", "R4", "C4", "M2")
async def test_the_journey_from_routing_to_a_performed_confirmed_agreement_and_a_subsidy(
    ctx: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    routing = a_routing(uuid4())
    await publish(jetstream, routing.data.SUBJECT, routing.to_json(), stream="ADR_INTAKE")

    async def opened() -> Any:
        async with client(ctx) as http:
            items = (await http.get(BASE, params={"case_id": str(routing.case_id)})).json()["items"]
        return items[0] if items else None

    case = await eventually(opened)
    mid = case["mediation_case_id"]
    async with client(ctx) as http:
        mediator = (await http.post("/api/v1/people", json={"name": "王调解", "kind": "peoples_mediator"})).json()["id"]
        assert (await http.post(f"{BASE}/{mid}/assignments", json={"person_id": mediator})).status_code == 204
        await http.put(f"{BASE}/{mid}/agreement", json={
            "drafted_on": "2026-12-08", "terms": "退还罚款。", "confirmation_requested": True,
            "obligations": [{"obligor_kind": "agency", "agency_code": "WJG-SCJ", "description": "退还罚款",
                             "amount_fen": 500000, "due_on": "2026-12-31"}]})
        signed = (await http.post(f"{BASE}/{mid}/agreement/signatures", json={"signatures": [
            {"role": r, "name": n, "signed_on": "2026-12-10"}
            for r, n in (("applicant", "张三"), ("agency", "李四"), ("mediator", "王调解"))]})).json()
        await http.post(f"{BASE}/{mid}/agreement/confirmation-request", json={"requested_on": "2026-12-11"})
    agreement_id = signed["agreement"]["agreement_id"]

    ruling = court_event(ConfirmationRuledV1(
        mediation_case_id=UUID(mid), agreement_id=UUID(agreement_id), outcome=ConfirmationOutcome.CONFIRMED,
        ruling_no="（2026）沪0101行诉前确1号", ruled_on=date(2026, 12, 15)), routing.case_id)
    stray = court_event(ConfirmationRuledV1(
        mediation_case_id=UUID(mid), agreement_id=uuid4(), outcome=ConfirmationOutcome.CONFIRMED,
        ruling_no="x", ruled_on=date(2026, 12, 15)), routing.case_id)
    await publish(jetstream, ConfirmationRuledV1.SUBJECT, ruling.to_json())
    await publish(jetstream, ConfirmationRuledV1.SUBJECT, ruling.to_json())  # duplicate
    await publish(jetstream, ConfirmationRuledV1.SUBJECT, stray.to_json())  # names another agreement

    async def enforceable() -> bool:
        async with client(ctx) as http:
            return bool((await http.get(f"{BASE}/{mid}")).json()["agreement"]["enforceable"])

    await eventually(enforceable)
    assert await dead_letters(jetstream, 1) == ["RejectedEvent: AgreementNotFound"]

    async with client(ctx, now=datetime(2026, 12, 28, 9, tzinfo=UTC)) as http:
        obligation_id = signed["agreement"]["obligations"][0]["obligation_id"]
        await http.post(f"{BASE}/{mid}/obligations/{obligation_id}/fulfilment",
                        json={"fulfilled_on": "2026-12-28", "evidence_note": "国库退付凭证"})
        closed = (await http.post(f"{BASE}/{mid}/closing", json={"closed_on": "2026-12-28"})).json()
        batch = (await http.post("/api/v1/subsidy-batches", json={"period": "2026-12"})).json()
        approved = (await http.post(f"/api/v1/subsidy-batches/{batch['id']}/approval")).json()
    assert closed["status"] == "closed" and approved["total_fen"] == 15000

    wanted = {"adr.mediation.case.opened.v1", "adr.mediation.case.agreement_reached.v1",
              "adr.mediation.agreement.confirmation_requested.v1", "adr.mediation.obligation.fulfilled.v1",
              "adr.mediation.case.closed.v1", "adr.mediation.subsidy.batch_approved.v1"}

    async def published() -> set[str]:
        info = await jetstream.stream_info("ADR_MEDIATION")
        subjects = set()
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            subjects.add((await jetstream.get_msg("ADR_MEDIATION", seq)).subject)
        return subjects if wanted <= subjects else set()

    assert wanted <= await eventually(published)
