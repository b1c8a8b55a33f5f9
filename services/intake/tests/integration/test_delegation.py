"""The court's pre-filing delegation (K1) registered by intake, against a real nats-server:
registered once under the court's case id, routed to mediation with consent, bad input dead-lettered."""

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import httpx
import nats
import pytest
from sqlalchemy import func, select

from adr_contracts import envelope_for
from adr_contracts.court import DelegatedParty, DisputeDelegatedV1
from adr_intake.spec import SPEC
from adr_intake.uow import IntakeUnitOfWork, pii_cipher
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, migrated_context
from adr_runtime.testing.waiting import eventually
from adr_runtime.worker import Worker, start_worker

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("K1", "M3")]


@pytest.fixture
async def running(
    tmp_path: Any, nats_url: str, jetstream: nats.js.JetStreamContext
) -> AsyncIterator[tuple[ServiceContext, Worker, httpx.AsyncClient]]:
    ctx = await migrated_context(SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}", nats_url=nats_url)
    worker = await start_worker(ctx, asyncio.Event())
    assert worker is not None
    async with api_client(ctx) as client:
        yield ctx, worker, client
    await worker.close()
    await ctx.engine.dispose()


def delegated(consent: bool = True) -> DisputeDelegatedV1:
    return DisputeDelegatedV1(
        delegation_no="（2026）鄂0503行诉前调7号", delegated_on=date(2026, 11, 25), received_on=date(2026, 11, 20),
        applicants=[DelegatedParty(name="李四", id_number="420503199001011234", phone="13900000000")],
        agency_codes=["WJG-SCJ"], act_type="penalty", consent=consent,
    )


async def _publish(js: nats.js.JetStreamContext, body: bytes) -> None:
    headers = {"Nats-Msg-Id": str(uuid4())}
    await js.publish(DisputeDelegatedV1.SUBJECT, body, stream="ADR_COURT", headers=headers)


async def _dispute(client: httpx.AsyncClient, case_id: UUID) -> dict[str, Any] | None:
    response = await client.get(f"/api/v1/disputes/{case_id}")
    return response.json() if response.status_code == 200 else None


async def test_a_delegation_is_registered_once_under_the_court_s_case_id_and_routed_to_mediation(
    running: Any, jetstream: nats.js.JetStreamContext
) -> None:
    ctx, _, client = running
    case_id = uuid4()
    body = envelope_for(delegated(), case_id=case_id, correlation_id=uuid4()).to_json()

    await _publish(jetstream, body)
    await _publish(jetstream, body)  # redelivered past the server's de-duplication
    marker = uuid4()
    await _publish(jetstream, envelope_for(delegated(), case_id=marker, correlation_id=uuid4()).to_json())

    await eventually(lambda: _dispute(client, marker))
    dispute = await _dispute(client, case_id)
    assert dispute is not None
    assert (dispute["channel"], dispute["stage"]) == ("court_delegation", "routed_to_mediation")
    assert dispute["received_on"] == "2026-11-20"
    async with ctx.sessions() as session:
        outbox = ctx.tables.outbox
        subjects = list(
            (await session.execute(select(outbox.c.subject).where(outbox.c.case_id == case_id))).scalars()
        )
        total = await session.scalar(select(func.count()).select_from(ctx.tables.inbox))
    assert subjects.count("adr.intake.dispute.registered.v1") == 1
    assert subjects.count("adr.intake.dispute.routed.v1") == 1
    assert total == 2  # the copy was recognised as a duplicate
    async with IntakeUnitOfWork(ctx.sessions, ctx.tables, actor="test", cipher=pii_cipher(ctx)) as uow:
        personal = await uow.disputes.personal_data(case_id)
    assert "（2026）鄂0503行诉前调7号" in (personal.claims_summary or "")
    assert [a.name for a in personal.applicants] == ["李四"]


async def test_without_consent_the_dispute_stays_registered_for_review(running: Any, jetstream: Any) -> None:
    _, _, client = running
    case_id = uuid4()

    await _publish(jetstream, envelope_for(delegated(consent=False), case_id=case_id, correlation_id=uuid4()).to_json())

    dispute = await eventually(lambda: _dispute(client, case_id))
    assert dispute["stage"] == "registered"


async def test_an_invalid_delegation_is_dead_lettered_and_the_next_registered(running: Any, jetstream: Any) -> None:
    _, _, client = running
    valid = envelope_for(delegated(), case_id=uuid4(), correlation_id=uuid4())
    document = valid.model_dump(mode="json", by_alias=True)
    document["data"]["applicants"] = []
    before = (await jetstream.stream_info("ADR_DEADLETTER")).state.messages

    await _publish(jetstream, json.dumps(document).encode())
    await _publish(jetstream, valid.to_json())

    await eventually(lambda: _dispute(client, valid.case_id))
    assert (await jetstream.stream_info("ADR_DEADLETTER")).state.messages == before + 1
    letter = await jetstream.get_msg("ADR_DEADLETTER", (await jetstream.stream_info("ADR_DEADLETTER")).state.last_seq)
    assert "data.applicants" in letter.headers["Adr-Reason"]
    assert "李四" not in letter.headers["Adr-Reason"]
