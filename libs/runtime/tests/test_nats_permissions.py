"""NATS users generated from the contracts, enforced by a real nats-server (issue #9, #10; O2).

The server of this module runs the generated ``authorization`` block with passwords defined in
the file; every service connects as itself on its own inbox prefix.
"""

import asyncio
import secrets
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import nats
import pytest
from faststream.nats import JStream, NatsBroker, NatsUserPassword, PullSub
from faststream.nats.annotations import NatsMessage
from nats.js.api import ConsumerConfig

from adr_contracts import registry
from adr_contracts.services import SERVICES, ServiceName
from adr_contracts.subjects import DEADLETTER_STREAM, deadletter_subject, durable_name, parse_subject, stream_name
from adr_runtime.localnats import LocalNatsServer
from adr_runtime.nats_permissions import (
    OPERATOR,
    PROVISIONER,
    all_users,
    helm_values,
    inbox_prefix,
    password_variable,
    render_nats_conf,
    service_permissions,
    subscriber_inbox_prefix,
)
from adr_runtime.provisioning import ProvisioningPolicy, provision
from adr_runtime.testing import infra

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("O2")]

USERS = [*SERVICES, PROVISIONER, OPERATOR]
DELEGATED = "adr.court.dispute.delegated.v1"
ROUTED = "adr.intake.dispute.routed.v1"
DENIED = (TimeoutError, nats.errors.Error)


class Server:
    def __init__(self, server: LocalNatsServer, passwords: dict[str, str], conf: Path) -> None:
        self.server = server
        self.passwords = passwords
        self.conf = conf

    async def connect(self, user: str) -> Any:
        return await nats.connect(
            self.server.url,
            user=user,
            password=self.passwords[user],
            inbox_prefix=inbox_prefix(user),
            connect_timeout=2,
            max_reconnect_attempts=0,
            error_cb=_ignore,
        )


async def _ignore(exc: Exception) -> None:
    """Permission violations also arrive as asynchronous errors; the tests assert on the calls."""


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A nats-server with JetStream and the generated users, streams provisioned by the provisioner."""
    if not infra.nats_binary_available():
        infra.require_or_skip("no nats-server binary")
    store = tmp_path_factory.mktemp("secured-nats")
    passwords = {user: secrets.token_urlsafe(16) for user in USERS}
    variables = "".join(f'{password_variable(user)}: "{passwords[user]}"\n' for user in USERS)
    conf = store / "nats.conf"
    conf.write_text(variables + render_nats_conf(all_users()), encoding="utf-8")
    server = LocalNatsServer(store, extra_args=["-c", str(conf)])
    server.start()
    secured = Server(server, passwords, conf)

    async def provision_as_provisioner() -> None:
        connection = await secured.connect(PROVISIONER)
        try:
            await provision(connection.jetstream(), ProvisioningPolicy())
        finally:
            await connection.close()

    try:
        asyncio.run(provision_as_provisioner())
        yield secured
    finally:
        server.stop()


@pytest.fixture
async def connect(secured: Server) -> AsyncIterator[Any]:
    opened: list[Any] = []

    async def open_as(user: str) -> Any:
        connection = await secured.connect(user)
        opened.append(connection)
        return connection

    yield open_as
    for connection in opened:
        await connection.close()


def first_contract_of(service: ServiceName) -> str:
    return registry.produced_by(service)[0].SUBJECT


async def publish(js: Any, subject: str, body: bytes = b"{}") -> Any:
    stream = stream_name(parse_subject(subject).producer)
    return await js.publish(subject, body, stream=stream, timeout=2.0, headers={"Nats-Msg-Id": secrets.token_hex(8)})


def test_the_generated_configuration_is_accepted_by_nats_server(secured: Server) -> None:
    result = subprocess.run(
        [secured.server.binary, "-c", str(secured.conf), "-t"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_a_service_publishes_exactly_its_own_contracts_and_reads_exactly_its_audience() -> None:
    for service in SERVICES:
        user = service_permissions(service)
        subjects = {s for s in user.publish if s.startswith("adr.")}
        assert subjects == {c.SUBJECT for c in registry.produced_by(service)} | {deadletter_subject(service)}
        durables = {s.split(".")[-1] for s in user.publish if s.startswith("$JS.API.CONSUMER.MSG.NEXT.")}
        assert durables == {durable_name(service, c.SUBJECT) for c in registry.read_by(service, with_receipts=True)}
        assert not any(s.startswith(("$JS.API.STREAM.", "$JS.API.CONSUMER.CREATE")) for s in user.publish)
        assert user.subscribe == (f"_INBOX_{service.replace('-', '_')}.>",)


def test_helm_values_reference_each_password_from_the_nats_users_secret() -> None:
    values = helm_values(all_users())
    users = values["config"]["merge"]["authorization"]["users"]
    assert [u["user"] for u in users] == USERS
    assert all(u["password"] == f"<< ${password_variable(u['user'])} >>" for u in users)
    env = values["container"]["env"]
    assert env[password_variable("intake")]["valueFrom"]["secretKeyRef"] == {"name": "nats-users", "key": "intake"}


@pytest.mark.parametrize("service", SERVICES)
async def test_each_service_can_publish_its_own_contract_and_its_dead_letters(connect: Any, service: str) -> None:
    js = (await connect(service)).jetstream()
    ack = await publish(js, first_contract_of(service))  # type: ignore[arg-type]
    assert ack.stream == stream_name(service)  # type: ignore[arg-type]
    dead = await js.publish(deadletter_subject(service), b"{}", stream=DEADLETTER_STREAM, timeout=2.0)  # type: ignore[arg-type]
    assert dead.stream == DEADLETTER_STREAM


@pytest.mark.parametrize("service", SERVICES)
async def test_no_service_can_publish_another_producers_subject(connect: Any, service: str) -> None:
    js = (await connect(service)).jetstream()
    other = next(s for s in SERVICES if s != service)
    with pytest.raises(DENIED):
        await publish(js, first_contract_of(other))
    with pytest.raises(DENIED):
        await js.publish(deadletter_subject(other), b"{}", stream=DEADLETTER_STREAM, timeout=1.0)


async def test_mediation_pulls_and_acknowledges_routed_disputes_from_its_own_durable(connect: Any) -> None:
    await publish((await connect("intake")).jetstream(), ROUTED, b'{"n": 1}')
    js = (await connect("mediation")).jetstream()
    durable = durable_name("mediation", ROUTED)
    subscription = await js.pull_subscribe(ROUTED, durable=durable, stream="ADR_INTAKE")
    messages = await subscription.fetch(1, timeout=5)
    assert messages[0].subject == ROUTED
    await messages[0].ack_sync(timeout=2)
    info = await (await connect(PROVISIONER)).jetstream().consumer_info("ADR_INTAKE", durable)
    assert info.num_ack_pending == 0


@pytest.mark.parametrize("outsider", ["procuratorate-bridge", "reporting", "mediation"])
async def test_a_service_outside_the_audience_cannot_read_the_court_delegation(connect: Any, outsider: str) -> None:
    """Only intake is in the audience of the delegation: nobody else reads it, not even by intake's durable."""
    await publish((await connect("court-bridge")).jetstream(), DELEGATED)
    js = (await connect(outsider)).jetstream()
    intakes = durable_name("intake", DELEGATED)
    with pytest.raises(DENIED):  # looking up intake's durable
        await js.consumer_info("ADR_COURT", intakes, timeout=1.0)
    bound = await js.pull_subscribe_bind(durable=intakes, stream="ADR_COURT")
    with pytest.raises(DENIED):  # fetching from it
        await bound.fetch(1, timeout=1.0)
    with pytest.raises(DENIED):  # creating a consumer of its own
        await js.add_consumer(
            "ADR_COURT",
            ConsumerConfig(durable_name=f"{outsider.replace('-', '_')}__x", filter_subject=DELEGATED),
            timeout=1.0,
        )
    info = await (await connect(PROVISIONER)).jetstream().consumer_info("ADR_COURT", intakes)
    assert info.num_ack_pending == 0 and info.delivered.stream_seq == 0


async def test_intake_reads_the_court_delegation_from_its_own_durable(connect: Any) -> None:
    await publish((await connect("court-bridge")).jetstream(), DELEGATED, b'{"n": 2}')
    js = (await connect("intake")).jetstream()
    subscription = await js.pull_subscribe(DELEGATED, durable=durable_name("intake", DELEGATED), stream="ADR_COURT")
    messages = await subscription.fetch(1, timeout=5)
    assert messages[0].subject == DELEGATED
    await messages[0].ack_sync(timeout=2)


async def test_a_faststream_pull_subscriber_like_the_runtimes_works_under_its_user(secured: Server) -> None:
    """The subscriber options of adr_runtime.consumer, with the service's credentials and inbox prefix.

    This is what the runtime's broker and subscribers must be given in a secured deployment
    (NATS_USER, NATS_PASSWORD and the inbox prefixes; see deploy/README.md).
    """
    court = await secured.connect("court-bridge")
    try:
        await publish(court.jetstream(), "adr.court.case.filed.v1", b'{"n": 3}')
    finally:
        await court.close()
    received: asyncio.Queue[bytes] = asyncio.Queue()
    broker = NatsBroker(
        secured.server.url,
        security=NatsUserPassword("reporting", secured.passwords["reporting"]),
        inbox_prefix=inbox_prefix("reporting"),
        max_reconnect_attempts=0,
    )

    @broker.subscriber(
        "adr.court.case.filed.v1",
        stream=JStream("ADR_COURT", declare=False),
        durable=durable_name("reporting", "adr.court.case.filed.v1"),
        pull_sub=PullSub(batch_size=1, timeout=1.0),
        inbox_prefix=subscriber_inbox_prefix("reporting"),  # a pull subscriber does not inherit the broker's
    )
    async def on_filed(msg: NatsMessage) -> None:
        await received.put(msg.body)

    await broker.start()
    try:
        assert await asyncio.wait_for(received.get(), timeout=10) == b'{"n": 3}'
    finally:
        await broker.stop()
