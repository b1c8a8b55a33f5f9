"""Intake follows mediation's outcomes on the board, once per event, against a real nats-server."""

import asyncio
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import httpx
import nats
import pytest
from sqlalchemy import func, select

from adr_contracts import envelope_for
from adr_contracts.court import CaseFiledV1
from adr_contracts.mediation import FollowUpRecordedV1, MediationClosedV1, MediationOpenedV1
from adr_contracts.subjects import durable_name
from adr_contracts.vocabulary import ClosingOutcome, FollowUpOutcome, MediationStage
from adr_intake.spec import SPEC
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, migrated_context
from adr_runtime.testing.waiting import eventually
from adr_runtime.worker import Worker, start_worker

from ..api.test_registration import A_DISPUTE

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("C1")]


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


def _opened(case_id: UUID) -> bytes:
    payload = MediationOpenedV1(
        mediation_case_id=uuid4(),
        stage=MediationStage.PRE_LITIGATION,
        opened_on=date(2026, 11, 28),
        period_ends_on=date(2026, 12, 28),
    )
    return envelope_for(payload, case_id=case_id, correlation_id=uuid4()).to_json()


async def _publish(js: nats.js.JetStreamContext, body: bytes) -> None:
    await js.publish(MediationOpenedV1.SUBJECT, body, stream="ADR_MEDIATION", headers={"Nats-Msg-Id": str(uuid4())})


async def test_mediation_opened_moves_the_dispute_to_mediating_once(running: Any, jetstream: Any) -> None:
    ctx, _, client = running
    case_id = (await client.post("/api/v1/disputes", json=A_DISPUTE)).json()["case_id"]
    body = _opened(UUID(case_id))

    await _publish(jetstream, body)
    await _publish(jetstream, body)  # the same event again, past the server's de-duplication

    async def stage() -> str | None:
        value = (await client.get(f"/api/v1/disputes/{case_id}")).json()["stage"]
        return value if value == "mediating" else None

    await eventually(stage)
    await eventually(lambda: _all_acknowledged(jetstream))
    notes = (await client.get(f"/api/v1/disputes/{case_id}/history")).json()
    assert [n["action"] for n in notes].count("intake.dispute.stage_followed") == 1
    async with ctx.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(ctx.tables.inbox)) == 1


async def _all_acknowledged(js: nats.js.JetStreamContext) -> bool:
    info = await js.consumer_info("ADR_MEDIATION", durable_name("intake", MediationOpenedV1.SUBJECT))
    return info.num_pending == 0 and info.num_ack_pending == 0 and info.delivered.stream_seq >= 2


async def test_outcome_for_an_unknown_dispute_goes_to_the_dead_letter_stream(running: Any, jetstream: Any) -> None:
    before = (await jetstream.stream_info("ADR_DEADLETTER")).state.messages

    await _publish(jetstream, _opened(uuid4()))

    async def dead_letters() -> int:
        return (await jetstream.stream_info("ADR_DEADLETTER")).state.messages - before

    assert await eventually(dead_letters) == 1
    letter = await jetstream.get_msg("ADR_DEADLETTER", (await jetstream.stream_info("ADR_DEADLETTER")).state.last_seq)
    assert letter.headers["Adr-Reason"] == "RejectedEvent: DisputeNotFound"


async def test_malformed_outcome_is_dead_lettered_and_the_next_one_applied(running: Any, jetstream: Any) -> None:
    _, _, client = running
    case_id = (await client.post("/api/v1/disputes", json=A_DISPUTE)).json()["case_id"]

    await _publish(jetstream, b'{"specversion": "1.0", "id": "not-a-uuid"}')
    await _publish(jetstream, _opened(UUID(case_id)))

    async def stage() -> bool:
        return (await client.get(f"/api/v1/disputes/{case_id}")).json()["stage"] == "mediating"

    await eventually(stage)
    last = (await jetstream.stream_info("ADR_DEADLETTER")).state.last_seq
    letter = await jetstream.get_msg("ADR_DEADLETTER", last)
    assert letter.headers["Adr-Reason"].startswith("invalid contract:")
    assert letter.headers["Adr-Original-Subject"] == MediationOpenedV1.SUBJECT


async def _publish_contract(js: nats.js.JetStreamContext, payload: Any, case_id: UUID) -> None:
    stream = "ADR_COURT" if payload.SUBJECT.startswith("adr.court.") else "ADR_MEDIATION"
    body = envelope_for(payload, case_id=case_id, correlation_id=uuid4()).to_json()
    await js.publish(payload.SUBJECT, body, stream=stream, headers={"Nats-Msg-Id": str(uuid4())})


async def _stage_becomes(client: httpx.AsyncClient, case_id: str, expected: str) -> None:
    async def reached() -> bool:
        return (await client.get(f"/api/v1/disputes/{case_id}")).json()["stage"] == expected

    await eventually(reached)


async def test_closing_follow_up_and_court_filing_move_the_board(running: Any, jetstream: Any) -> None:
    """The board follows a dispute to its end: resolved, reopened by a broken promise, filed in court (C1)."""
    _, _, client = running
    first = (await client.post("/api/v1/disputes", json=A_DISPUTE)).json()["case_id"]
    second = (await client.post("/api/v1/disputes", json=A_DISPUTE)).json()["case_id"]
    mediation_case = uuid4()

    closed = MediationClosedV1(
        mediation_case_id=mediation_case, outcome=ClosingOutcome.WITHDRAWN, closed_on=date(2026, 11, 28)
    )
    await _publish_contract(jetstream, closed, UUID(first))
    await _stage_becomes(client, first, "resolved")

    settled = FollowUpRecordedV1(
        mediation_case_id=mediation_case, visited_on=date(2026, 12, 10), outcome=FollowUpOutcome.SETTLED, reopened=False
    )
    broken = FollowUpRecordedV1(
        mediation_case_id=mediation_case,
        visited_on=date(2026, 12, 20),
        outcome=FollowUpOutcome.PROMISE_BROKEN,
        reopened=True,
    )
    await _publish_contract(jetstream, settled, UUID(first))
    await _publish_contract(jetstream, broken, UUID(first))
    await _stage_becomes(client, first, "mediating")
    notes = [n["action"] for n in (await client.get(f"/api/v1/disputes/{first}/history")).json()]
    assert (
        notes.count("intake.dispute.stage_followed") == 2
    )  # resolved, then reopened; the settled visit changed nothing

    filed = CaseFiledV1(
        court_case_no="（2026）沪0101行初1号",
        filed_on=date(2026, 12, 1),
        first_received_on=date(2026, 11, 2),
        agency_codes=["A01"],
        after_mediation=True,
    )
    await _publish_contract(jetstream, filed, UUID(second))
    await _stage_becomes(client, second, "filed_in_court")
