"""Notices to the online applicant on every stage change, delivered in-app, by e-mail (a real SMTP
server) and by SMS (a fake gateway on loopback that fails first), with retries by the worker.

Clauses: W1 and M3 (the applicant is told of registration and routing), C3 and R3 (notices reach
people with delivery status and a record of what was sent to whom and when).
"""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import nats
import pytest
from sqlalchemy import select

from adr_contracts import envelope_for
from adr_contracts.mediation import MediationOpenedV1
from adr_contracts.vocabulary import MediationStage
from adr_intake import handlers
from adr_intake.domain.model import Stage
from adr_intake.portal.notices import notifier_for
from adr_intake.spec import SPEC
from adr_intake.store.tables import notifications, portal
from adr_intake.uow import IntakeUnitOfWork
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, migrated_context
from adr_runtime.testing.waiting import eventually
from adr_runtime.worker import start_worker

from ..api.test_registration import A_DISPUTE
from .fakes import MailBox, SmsGateway, sms_gateway, smtp_server
from .support import apply, follow

pytestmark = [pytest.mark.integration, pytest.mark.clause("W1", "M3", "C3", "R3")]


@pytest.fixture
def mailbox() -> Iterator[MailBox]:
    with smtp_server() as box:
        yield box


@pytest.fixture
def gateway() -> Iterator[SmsGateway]:
    with sms_gateway(fail_first=1) as fake:
        yield fake


def channel_settings(mailbox: MailBox, gateway: SmsGateway, **more: Any) -> dict[str, Any]:
    return {
        "smtp_host": "127.0.0.1",
        "smtp_port": mailbox.port,
        "mail_from": "centre@adr.test",
        "sms_provider": "http",
        "sms_url": gateway.url,
        "sms_api_key": "test-key",
        **more,
    }


@pytest.fixture
async def ctx(database_url: str, mailbox: MailBox, gateway: SmsGateway) -> AsyncIterator[ServiceContext]:
    settings = channel_settings(mailbox, gateway, retry_delays_seconds=(60,))
    context = await migrated_context(SPEC, database_url=database_url, notifications=settings)
    yield context
    await context.engine.dispose()


async def notices_of(ctx: ServiceContext, case_id: UUID) -> list[Any]:
    """The applicant's notices of the case (the centre's inbox notice aside)."""
    async with ctx.sessions() as session:
        record = await notifier_for(ctx).record_of(session, case_id=case_id)
    return [n for n in record if n.recipient.startswith("applicant:")]


async def test_routing_and_mediation_opened_tell_the_applicant_on_every_channel(
    ctx: ServiceContext, mailbox: MailBox, gateway: SmsGateway
) -> None:
    async with api_client(ctx, principal=None) as public, api_client(ctx) as staff:
        receipt = (await apply(public)).json()
        async with ctx.sessions() as session:
            case_id = await session.scalar(
                select(portal.access.c.case_id).where(portal.access.c.registration_no == receipt["registration_no"])
            )
        routed = await staff.post(
            f"/api/v1/disputes/{case_id}/route", json={"route": "mediation", "reason_code": "consent_given"}
        )
        assert routed.status_code == 200, routed.text
        # mediation opened, as the subscriber applies it (no personal-data cipher in that unit of work)
        uow = IntakeUnitOfWork(ctx.sessions, ctx.tables, actor="system:mediation")
        await handlers.follow_stage(case_id, Stage.MEDIATING, uow, now=datetime(2026, 11, 30, 2, tzinfo=UTC))

        record = await notices_of(ctx, case_id)
        assert [n.template for n in record] == ["portal.registered", "portal.stage_changed", "portal.stage_changed"]
        assert [n.subject.rsplit("：", 1)[-1] for n in record[1:]] == ["已转入诉前调解", "调解中"]
        assert all(n.recipient == f"applicant:{case_id}" for n in record)

        notifier = notifier_for(ctx)
        first = await notifier.deliver_due(ctx.sessions)
        assert (first.sent, first.retrying) == (5, 1)  # three e-mails and two SMS; the first SMS met a 503
        assert sorted(mailbox.subjects())[0].startswith("您的行政争议")
        assert {tuple(r) for r in mailbox.recipients} == {("zhang.san@example.cn",)}
        assert {r["to"] for r in gateway.requests} == {"13800001234"}

        second = await notifier.deliver_due(ctx.sessions, now=datetime.now(UTC) + timedelta(minutes=2))
        assert (second.sent, second.retrying, second.failed) == (1, 0, 0)
        statuses = {(n.template, d.channel): d.status for n in await notices_of(ctx, case_id) for d in n.deliveries}
        assert set(statuses.values()) == {"sent"}
        assert len(mailbox.messages) == 3 and len(gateway.requests) == 4

        status = (await follow(public, receipt["registration_no"], receipt["access_code"])).json()
        assert status["stage"] == "mediating" and status["stage_zh"] == "调解中"
        assert len(status["notices"]) == 3
        assert status["notices"][0]["channels"] == {"in_app": "sent", "email": "sent", "sms": "sent"}


async def test_disputes_not_applied_for_online_send_no_applicant_notice(ctx: ServiceContext) -> None:
    async with api_client(ctx) as staff:
        case_id = (await staff.post("/api/v1/disputes", json=A_DISPUTE)).json()["case_id"]
        routed = await staff.post(
            f"/api/v1/disputes/{case_id}/route", json={"route": "filing", "reason_code": "no_consent"}
        )
        assert routed.status_code == 200
    async with ctx.sessions() as session:
        assert (await session.execute(select(notifications.notices))).all() == []


@pytest.mark.nats
async def test_the_worker_delivers_notices_in_the_background_with_retries(
    tmp_path: Any, nats_url: str, jetstream: nats.js.JetStreamContext, mailbox: MailBox, gateway: SmsGateway
) -> None:
    settings = channel_settings(mailbox, gateway, retry_delays_seconds=(0.2,), sweep_interval_seconds=0.1)
    ctx = await migrated_context(
        SPEC, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}", nats_url=nats_url, notifications=settings
    )
    worker = await start_worker(ctx, asyncio.Event())
    assert worker is not None and worker.background_task is not None
    try:
        async with api_client(ctx, principal=None) as public:
            receipt = (await apply(public)).json()
            async with ctx.sessions() as session:
                case_id = await session.scalar(select(portal.access.c.case_id))
            opened = MediationOpenedV1(
                mediation_case_id=uuid4(),
                stage=MediationStage.PRE_LITIGATION,
                opened_on=datetime(2026, 11, 30).date(),
                period_ends_on=datetime(2026, 12, 30).date(),
            )
            body = envelope_for(opened, case_id=case_id, correlation_id=uuid4()).to_json()
            await jetstream.publish(
                MediationOpenedV1.SUBJECT, body, stream="ADR_MEDIATION", headers={"Nats-Msg-Id": str(uuid4())}
            )

            async def all_sent() -> bool:
                record = await notices_of(ctx, case_id)
                states = [d.status for n in record for d in n.deliveries]
                return len(record) == 2 and states.count("sent") == 6

            await eventually(all_sent, what="both notices sent on every channel")
            assert len(mailbox.messages) == 2
            references = sorted(Counter(r["reference"] for r in gateway.requests).values())
            assert references == [1, 2]  # the SMS refused with a 503 was sent again, under the same reference
            status = (await follow(public, receipt["registration_no"], receipt["access_code"])).json()
            assert status["stage_zh"] == "调解中"
    finally:
        await worker.close()
        await ctx.engine.dispose()
