"""The transactional outbox and the inbox, on SQLite and on PostgreSQL."""

from datetime import date
from uuid import uuid4

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_contracts import envelope_for
from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_contracts.vocabulary import WarningKind
from adr_runtime import inbox, outbox, provisioning

from . import support

pytestmark = [pytest.mark.integration, pytest.mark.clause("R2")]


async def test_staging_writes_the_outbox_row_and_the_history_line_on_commit(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    envelope = support.registered_event(1)

    async with sessions() as session, session.begin():
        await outbox.stage(session, support.TABLES, envelope, actor="staff:0001")

    async with sessions() as session:
        row = (await session.execute(select(support.TABLES.outbox))).one()
        history = (await session.execute(select(support.TABLES.case_history))).one()
    assert row.event_id == envelope.event_id
    assert row.subject == support.SUBJECT
    assert row.case_id == envelope.case_id
    assert row.published_at is None and row.attempts == 0
    assert row.envelope["id"] == str(envelope.event_id)
    assert row.envelope["data"]["registration_no"] == "WJG-2026-000001"
    assert (history.event_id, history.case_id, history.action) == (envelope.event_id, envelope.case_id, support.SUBJECT)
    assert history.actor == "staff:0001"
    assert history.details == {"summary": support.CONTRACT.SUMMARY, "source": "/adr/intake"}


async def test_staging_rolled_back_with_the_state_change_leaves_neither_row(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await session.begin()
        await outbox.stage(session, support.TABLES, support.registered_event(1), actor="staff:0001")
        await session.rollback()

    assert await support.count_rows(sessions, support.TABLES.outbox) == 0
    assert await support.count_rows(sessions, support.TABLES.case_history) == 0


async def test_a_history_note_is_recorded_without_an_outbox_row(sessions: async_sessionmaker[AsyncSession]) -> None:
    envelope = support.registered_event(1)
    note = outbox.HistoryNote(
        case_id=envelope.case_id, occurred_at=envelope.occurred_at, action="stage.followed", details={"stage": "x"}
    )

    async with sessions() as session, session.begin():
        await outbox.record_note(session, support.TABLES, note, actor="system:mediation")

    assert await support.count_rows(sessions, support.TABLES.outbox) == 0
    assert await support.count_rows(sessions, support.TABLES.case_history) == 1


async def test_inbox_claims_an_event_once_per_consumer(sessions: async_sessionmaker[AsyncSession]) -> None:
    claims = []
    for consumer in ("reporting__a", "reporting__a", "mediation__a"):
        async with sessions() as session, session.begin():
            claims.append(
                await inbox.claim(session, support.TABLES, consumer=consumer, event_id="e-1", subject=support.SUBJECT)
            )

    assert claims == [True, False, True]
    assert await support.count_rows(sessions, support.TABLES.inbox) == 2


async def test_an_inbox_claim_rolled_back_with_its_effect_can_be_claimed_again(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await session.begin()
        first = await inbox.claim(session, support.TABLES, consumer="reporting__a", event_id="e-1", subject="s")
        await session.rollback()
    async with sessions() as session, session.begin():
        second = await inbox.claim(session, support.TABLES, consumer="reporting__a", event_id="e-1", subject="s")

    assert (first, second) == (True, True)


async def test_an_event_too_large_to_publish_is_refused_with_its_state_change(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # 30,000 case ids are about 1.1 MB: no stream would take the message, and the relay, which publishes
    # in order, would stall on it for ever; staging refuses it, so the transaction cannot commit
    warning = EarlyWarningRaisedV1(
        warning_id=uuid4(), kind=WarningKind.REPEATED_AGENCY, raised_on=date(2026, 11, 2), agency_code="WJG-SCJ",
        case_ids=[uuid4() for _ in range(30_000)], count=30_000, window_days=90,
    )
    envelope = envelope_for(warning, case_id=warning.warning_id, correlation_id=uuid4())
    note = outbox.HistoryNote(case_id=None, occurred_at=envelope.occurred_at, action="before", details={})

    with pytest.raises(outbox.EventTooLarge, match="adr.reporting.warning.raised.v1: 1[0-9]{6} bytes"):
        async with sessions() as session, session.begin():
            await outbox.record_note(session, support.TABLES, note, actor="system:reporting")
            await outbox.stage(session, support.TABLES, envelope, actor="system:reporting")

    assert await support.count_rows(sessions, support.TABLES.outbox) == 0
    assert await support.count_rows(sessions, support.TABLES.case_history) == 0
    streams = provisioning.stream_configs(provisioning.ProvisioningPolicy())
    assert {stream.max_msg_size for stream in streams} == {outbox.MAX_MESSAGE_BYTES}
    assert outbox.MAX_BODY_BYTES < outbox.MAX_MESSAGE_BYTES == 1 << 20
