"""The notifications capability: templates, in-app inbox, e-mail over a real SMTP server, SMS over a
fake gateway speaking HTTP on loopback, delivery records, retries with backoff, acknowledgements.

Clauses: W1 (the applicant is told), C3 (notices reach agencies with acknowledgement), R3 (the record
of what was sent to whom and when), M3 (registration is told at once).
"""

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime.db import create_engine, new_metadata, session_factory
from adr_runtime.notifications import (
    ChannelKind,
    DeliveryStatus,
    Notice,
    NoticeNotFound,
    NotificationSettings,
    Notifier,
    Recipient,
    RetryPolicy,
    SweepResult,
    TemplateCatalog,
    UnknownTemplate,
    notification_tables,
)
from adr_runtime.testing.fakes import MailBox, SmsGateway, free_port
from adr_runtime.testing.fakes import sms_gateway as fake_sms_gateway
from adr_runtime.testing.fakes import smtp_server as fake_smtp_server

pytestmark = [pytest.mark.integration]

METADATA = new_metadata()
TABLES = notification_tables(METADATA)
CASE = uuid.UUID("019a0000-0000-7000-8000-000000000003")
T0 = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
PARAMS = {"registration_no": "WJG-2026-000007", "received_on": "2026-11-28"}


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    async with engine.begin() as conn:
        await conn.run_sync(METADATA.create_all)
    yield session_factory(engine)
    await engine.dispose()


# --- a real SMTP server (aiosmtpd) and a fake SMS gateway, on free loopback ports (adr_runtime.testing.fakes) ---


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, MailBox]]:
    with fake_smtp_server() as box:
        yield box.port, box


@pytest.fixture
def sms_gateway() -> Iterator[SmsGateway]:
    with fake_sms_gateway(fail_first=1) as gateway:
        yield gateway


def notifier_for(settings: NotificationSettings) -> Notifier:
    return Notifier(TABLES, senders=settings.senders(), policy=settings.retry_policy())


async def deliveries(sessions: async_sessionmaker[AsyncSession]) -> dict[str, Any]:
    async with sessions() as session:
        rows = (await session.execute(select(TABLES.deliveries))).all()
    return {row.channel: row for row in rows}


def header(value: str) -> str:
    return str(make_header(decode_header(value)))


# --- templates ---


@pytest.mark.clause("W1")
def test_templates_render_in_chinese_and_refuse_missing_parameters() -> None:
    catalog = TemplateCatalog()
    rendered = catalog.render("portal.registered", PARAMS)
    assert rendered.subject == "您的行政争议化解申请已登记（登记号 WJG-2026-000007）"
    assert "2026-11-28" in rendered.body and "请勿直接回复" in rendered.body
    assert rendered.sms.startswith("【伍家岗区行政争议化解中心】")
    with pytest.raises(Exception, match="registration_no"):
        catalog.render("portal.registered", {"received_on": "2026-11-28"})
    with pytest.raises(UnknownTemplate):
        catalog.render("no.such.template", {})


def test_retry_policy_backs_off_then_gives_up() -> None:
    policy = RetryPolicy(delays_seconds=(10, 60), max_attempts=3)
    assert policy.next_attempt(1, T0) == T0 + timedelta(seconds=10)
    assert policy.next_attempt(2, T0) == T0 + timedelta(seconds=60)
    assert policy.next_attempt(3, T0) is None


def test_settings_refuse_an_unknown_sms_provider() -> None:
    with pytest.raises(ValueError, match="unknown SMS provider"):
        NotificationSettings(sms_provider="carrier-pigeon")
    assert NotificationSettings().senders() == {}


# --- in-app inbox ---


@pytest.mark.clause("C3")
async def test_in_app_inbox_counts_unread_and_marks_read(sessions: async_sessionmaker[AsyncSession]) -> None:
    notifier = Notifier(TABLES)
    staff = Recipient(ref="staff:li.clerk")
    async with sessions() as session, session.begin():
        first = await notifier.enqueue(session, Notice("portal.registered", staff, PARAMS), now=T0)
        await notifier.enqueue(session, Notice("portal.registered", staff, PARAMS), now=T0 + timedelta(minutes=1))
        await notifier.enqueue(session, Notice("portal.registered", Recipient(ref="staff:other"), PARAMS), now=T0)

    async with sessions() as session, session.begin():
        assert await notifier.unread_count(session, "staff:li.clerk") == 2
        inbox = await notifier.inbox(session, "staff:li.clerk")
        assert [n.created_at for n in inbox] == [T0 + timedelta(minutes=1), T0]
        await notifier.mark_read(session, "staff:li.clerk", first, now=T0 + timedelta(hours=1))
        with pytest.raises(NoticeNotFound):  # nobody marks another person's notice
            await notifier.mark_read(session, "staff:other", first, now=T0)
    async with sessions() as session:
        assert await notifier.unread_count(session, "staff:li.clerk") == 1
        assert await notifier.unread_count(session, "staff:other") == 1
    # in-app is delivered when recorded: nothing is left for the sweeper
    assert await notifier.deliver_due(sessions, now=T0 + timedelta(hours=2)) == SweepResult()


@pytest.mark.clause("C3", "R3")
async def test_a_notice_to_an_agency_head_requires_acknowledgement(sessions: async_sessionmaker[AsyncSession]) -> None:
    notifier = Notifier(TABLES)
    head = Recipient(ref="staff:head.scj")
    params = {"registration_no": "WJG-2026-000007", "matter": "已分流至调解", "reply_by": "2026-12-07"}
    plain = Notice("portal.registered", head, PARAMS)
    async with sessions() as session, session.begin():
        notice_id = await notifier.enqueue(
            session, Notice("agency.notice_to_head", head, params, requires_ack=True), now=T0
        )
        other_id = await notifier.enqueue(session, plain, now=T0)
    async with sessions() as session, session.begin():
        await notifier.acknowledge(session, "staff:head.scj", notice_id, by="staff:head.scj", now=T0 + timedelta(1))
        await notifier.acknowledge(session, "staff:head.scj", notice_id, by="staff:later", now=T0 + timedelta(2))
        with pytest.raises(NoticeNotFound):  # a notice that needs no confirmation cannot be "acknowledged"
            await notifier.acknowledge(session, "staff:head.scj", other_id, by="x", now=T0)
    async with sessions() as session:
        (view,) = [n for n in await notifier.inbox(session, "staff:head.scj") if n.id == notice_id]
    assert view.requires_ack and view.acknowledged_at == T0 + timedelta(1)
    assert view.subject.startswith("请签收：")


# --- e-mail over a real SMTP server ---


@pytest.mark.clause("W1", "R3")
async def test_email_reaches_a_real_smtp_server_and_the_record_says_when(
    sessions: async_sessionmaker[AsyncSession], smtp_server: tuple[int, MailBox]
) -> None:
    port, box = smtp_server
    notifier = notifier_for(NotificationSettings(smtp_host="127.0.0.1", smtp_port=port, mail_from="centre@adr.test"))
    applicant = Recipient(ref="applicant:1", email="zhang.san@example.cn")
    async with sessions() as session, session.begin():
        notice_id = await notifier.enqueue(
            session, Notice("portal.registered", applicant, PARAMS, channels=(ChannelKind.EMAIL,)), now=T0
        )

    result = await notifier.deliver_due(sessions, now=T0)
    assert (result.sent, result.retrying, result.failed) == (1, 0, 0)
    assert box.recipients == [["zhang.san@example.cn"]]
    (mail,) = box.messages
    assert header(mail["Subject"]) == "您的行政争议化解申请已登记（登记号 WJG-2026-000007）"
    assert mail["X-ADR-Notice"] == str(notice_id)
    assert "登记号为 WJG-2026-000007" in mail.get_payload(decode=True).decode("utf-8")

    row = (await deliveries(sessions))["email"]
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert row.sent_at is not None and row.address_masked == "z***@example.cn"
    # sending again sends nothing twice (idempotent sweeper)
    assert (await notifier.deliver_due(sessions, now=T0 + timedelta(days=1))).sent == 0
    assert len(box.messages) == 1


@pytest.mark.clause("R3")
async def test_an_unreachable_smtp_server_keeps_the_notice_pending_then_failed(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    settings = NotificationSettings(
        smtp_host="127.0.0.1", smtp_port=free_port(), retry_delays_seconds=(60,), max_attempts=2
    )
    notifier = notifier_for(settings)
    recipient = Recipient(ref="applicant:2", email="li.si@example.cn")
    async with sessions() as session, session.begin():
        await notifier.enqueue(
            session,
            Notice("portal.registered", recipient, PARAMS, channels=(ChannelKind.IN_APP, ChannelKind.EMAIL)),
            now=T0,
        )

    assert (await notifier.deliver_due(sessions, now=T0)).retrying == 1
    row = (await deliveries(sessions))["email"]
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.next_attempt_at == T0 + timedelta(seconds=60)
    assert row.last_error.startswith("smtp_") and "li.si" not in row.last_error  # no personal data in errors
    assert (await notifier.deliver_due(sessions, now=T0 + timedelta(seconds=30))).retrying == 0  # not yet due
    assert (await notifier.deliver_due(sessions, now=T0 + timedelta(seconds=61))).failed == 1
    rows = await deliveries(sessions)
    assert rows["email"].status == DeliveryStatus.FAILED and rows["email"].attempts == 2
    # the failed channel lost nothing: the notice and its in-app delivery stand
    assert rows["in_app"].status == DeliveryStatus.SENT
    async with sessions() as session:
        assert await notifier.unread_count(session, "applicant:2") == 1


# --- SMS through a fake gateway on loopback ---


@pytest.mark.clause("W1", "R3")
async def test_sms_gateway_fails_first_then_the_retry_delivers(
    sessions: async_sessionmaker[AsyncSession],
    sms_gateway: SmsGateway,
    smtp_server: tuple[int, MailBox],
) -> None:
    port, box = smtp_server
    settings = NotificationSettings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        sms_provider="http",
        sms_url=sms_gateway.url,
        sms_api_key="test-key",
        retry_delays_seconds=(30, 120),
    )
    notifier = notifier_for(settings)
    recipient = Recipient(ref="applicant:3", email="wang.wu@example.cn", phone="13800001234")
    channels = (ChannelKind.IN_APP, ChannelKind.EMAIL, ChannelKind.SMS)
    async with sessions() as session, session.begin():
        notice_id = await notifier.enqueue(
            session, Notice("portal.registered", recipient, PARAMS, channels=channels, case_id=CASE), now=T0
        )

    first = await notifier.deliver_due(sessions, now=T0)
    assert (first.sent, first.retrying) == (1, 1)  # e-mail went; the gateway answered 503
    rows = await deliveries(sessions)
    assert rows["sms"].status == "pending" and rows["sms"].last_error == "sms_http_503"
    assert rows["sms"].next_attempt_at == T0 + timedelta(seconds=30)
    assert rows["email"].status == "sent" and len(box.messages) == 1  # the other channel proceeded

    second = await notifier.deliver_due(sessions, now=T0 + timedelta(seconds=31))
    assert (second.sent, second.retrying, second.failed) == (1, 0, 0)
    sms = (await deliveries(sessions))["sms"]
    assert (sms.status, sms.attempts, sms.provider_ref, sms.address_masked) == ("sent", 2, "sms-2", "138****1234")
    assert sms_gateway.auth == ["Bearer test-key"] * 2
    assert {r["reference"] for r in sms_gateway.requests} == {str(notice_id)}  # one reference: the gateway dedups
    assert sms_gateway.requests[-1]["to"] == "13800001234"
    assert "WJG-2026-000007" in sms_gateway.requests[-1]["text"]

    # the record: what was sent to whom (masked), over which channel, when, with what outcome
    async with sessions() as session:
        (record,) = await notifier.record_of(session, case_id=CASE)
    assert record.id == notice_id and record.recipient == "applicant:3"
    assert {d.channel: d.status for d in record.deliveries} == {"in_app": "sent", "email": "sent", "sms": "sent"}


async def test_a_sealer_keeps_addresses_unreadable_at_rest(
    sessions: async_sessionmaker[AsyncSession], smtp_server: tuple[int, MailBox]
) -> None:
    class Rot13:
        def seal(self, value: str, *, context: str) -> str:
            return "sealed:" + value[::-1]

        def open(self, token: str, *, context: str) -> str:
            return token.removeprefix("sealed:")[::-1]

    port, box = smtp_server
    settings = NotificationSettings(smtp_host="127.0.0.1", smtp_port=port)
    notifier = Notifier(TABLES, senders=settings.senders(), sealer=Rot13())
    recipient = Recipient(ref="applicant:4", email="zhao.liu@example.cn")
    async with sessions() as session, session.begin():
        await notifier.enqueue(session, Notice("portal.registered", recipient, PARAMS, channels=(ChannelKind.EMAIL,)))
    assert (await deliveries(sessions))["email"].address == "sealed:nc.elpmaxe@uil.oahz"
    assert (await notifier.deliver_due(sessions)).sent == 1
    assert box.recipients == [["zhao.liu@example.cn"]]
