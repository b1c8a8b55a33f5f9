"""The fault drills' platform: the five services as real processes, each reaching PostgreSQL through a TCP proxy.

One platform per module (its own nats-server, one scratch database per service, test identity provider),
as in ``tests/e2e`` — plus a loopback proxy in front of each service's database so that a drill can take
PostgreSQL away from one service (the machine's PostgreSQL itself cannot be stopped), and handles to kill
and respawn any service's process and to stop and restart the nats-server.

``DRILL_DISPUTES`` sets how many disputes each drill sends through its journey (short: 6);
``DRILL_LONG=1`` (``make drill``) adds the per-service, per-process kill drills.
"""

import asyncio
import contextlib
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from adr_runtime import consistency
from adr_runtime.auth.testkit import SigningKey, claims_for, jwks, rsa_key
from adr_runtime.localnats import LocalNatsServer, free_port
from adr_runtime.provisioning import ProvisioningPolicy, provision_at
from adr_runtime.supervisor import DEFAULT_PORTS, Platform, PlatformError, ServicePlan, env_prefix
from adr_runtime.testing import infra

READY_TIMEOUT = 150.0
STEP_TIMEOUT = 90.0  # one journey step, retried through a fault
SETTLE_TIMEOUT = 90.0  # until the consistency check passes after the fault is healed
ISSUER = "https://idp.drills.example/realms/adr"
AUDIENCE = "adr-platform"
CLIENT_ROLES = {
    "intake": "centre_staff",
    "mediation": "mediator",
    "court-bridge": "court_clerk",
    "procuratorate-bridge": "procurator",
    "reporting": "justice_analyst",
}
DISPUTES = int(os.environ.get("DRILL_DISPUTES", "6"))
LONG = os.environ.get("DRILL_LONG", "") not in ("", "0")
RECEIVED_ON = (datetime.now(UTC).date() - timedelta(days=4)).isoformat()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "drill: a fault drill on the five services as real processes (make drill)")


# --- PostgreSQL that can be taken away: a loopback TCP proxy -------------------------------------------------


class CuttableProxy:
    """Forwards 127.0.0.1:<port> to PostgreSQL; ``cut()`` drops every connection and refuses new ones.

    It runs its own asyncio loop in a daemon thread. While cut, accepted connections are closed at once,
    which the service sees exactly as a database that went away; ``restore()`` lets them through again.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self.cut_flag = False
        self.cuts = 0
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._server: asyncio.base_events.Server | None = None
        self._thread = threading.Thread(target=self._run, name=f"pg-proxy-{self.port}", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the PostgreSQL proxy did not start")

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._accept, "127.0.0.1", self.port))
        self._ready.set()
        self._loop.run_forever()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut_flag:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, up_writer}
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True)
        self._writers -= {writer, up_writer}

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while chunk := await reader.read(65536):
                writer.write(chunk)
                await writer.drain()
        finally:
            writer.transport.abort()

    def url_for(self, database_url: str) -> str:
        """The same database URL, through this proxy."""
        host_port = f"{self.target[0]}:{self.target[1]}"
        if host_port not in database_url:
            raise ValueError(f"{database_url} does not point at {host_port}")
        return database_url.replace(host_port, f"127.0.0.1:{self.port}")

    def cut(self) -> None:
        """PostgreSQL is gone: every open connection is reset, new ones are dropped."""
        self.cut_flag = True
        self.cuts += 1

        def abort_all() -> None:
            for writer in list(self._writers):
                writer.transport.abort()

        self._loop.call_soon_threadsafe(abort_all)

    def restore(self) -> None:
        """PostgreSQL is back."""
        self.cut_flag = False

    def close(self) -> None:
        """Stops the proxy's loop."""

        async def shutdown() -> None:
            if self._server is not None:
                self._server.close()
            for writer in list(self._writers):
                writer.transport.abort()

        with contextlib.suppress(RuntimeError):
            asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(5)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


# --- the platform under drill -------------------------------------------------------------------------------


@dataclass
class Figures:
    """What the drills did, for docs/drills.md."""

    drills: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    disputes_acknowledged: int = 0
    disputes_checked: int = 0
    records_lost: int = 0
    republished: int = 0
    processes_killed: int = 0


@dataclass
class DrillPlatform:
    """The running platform and the levers of the drills."""

    platform: Platform
    nats: LocalNatsServer
    proxies: dict[str, CuttableProxy]
    clients: dict[str, httpx.Client]
    figures: Figures
    acknowledged: dict[str, dict[str, Any]] = field(default_factory=dict)  # case_id → registration answer

    def __getitem__(self, service: str) -> httpx.Client:
        return self.clients[service]

    def fail(self, message: str) -> pytest.fail.Exception:
        """A failure with each process's last output."""
        return pytest.fail.Exception(f"{message}\n\nlast output:\n{self.platform.tails(15)}", pytrace=False)

    # one journey step, retried while a fault lasts ------------------------------------------------------------
    def call(
        self, service: str, method: str, path: str, *, accept: Callable[[httpx.Response], bool], **kwargs: Any
    ) -> httpx.Response:
        """Repeats a request until ``accept`` holds (transport errors and 5xx are a fault still on)."""
        deadline = time.monotonic() + STEP_TIMEOUT
        last = "nothing yet"
        while time.monotonic() < deadline:
            try:
                response = self.clients[service].request(method, path, **kwargs)
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if accept(response):
                    return response
                last = f"{response.status_code} {response.text[:300]}"
            time.sleep(0.3)
        raise self.fail(f"{service} {method} {path}: not within {STEP_TIMEOUT:.0f} s; last: {last}")

    def register(self) -> str:
        """Registers a court-delegated dispute with consent (routed to mediation at once); returns its case id."""
        body = {
            "channel": "court_delegation",
            "received_on": RECEIVED_ON,
            "applicants": [{"kind": "natural", "name": "李四", "phone": "13700000000"}],
            "agency_codes": ["WJG-SCJ"],
            "act_type": "penalty",
            "claims_summary": "请求撤销处罚决定",
            "mediation_consent": True,
        }
        response = self.call("intake", "POST", "/api/v1/disputes", json=body, accept=lambda r: r.status_code == 201)
        dispute: dict[str, Any] = response.json()
        self.acknowledged[dispute["case_id"]] = dispute
        self.figures.disputes_acknowledged += 1
        return str(dispute["case_id"])

    def mediation_case(self, case_id: str) -> dict[str, Any]:
        """Waits until mediation has opened the dispute's case."""

        def opened(r: httpx.Response) -> bool:
            return r.status_code == 200 and len(r.json()["items"]) == 1

        response = self.call(
            "mediation", "GET", "/api/v1/mediation-cases", params={"case_id": case_id}, accept=opened
        )
        case: dict[str, Any] = response.json()["items"][0]
        return case

    def fail_mediation(self, case_id: str, *, causal: bool = True) -> None:
        """Records the mediation as failed with next route filing (a lost answer retried is fine).

        ``causal``: first waits until intake's board shows the dispute mediating, as a mediator working
        days after the opening would; without it the opening and the failure may reach intake together.
        """
        case = self.mediation_case(case_id)
        if causal:
            self.call(
                "intake", "GET", f"/api/v1/disputes/{case_id}",
                accept=lambda r: r.status_code == 200 and r.json()["stage"] == "mediating",
            )
        failure = {"failed_on": case["opened_on"], "reason": "no_agreement", "next_route": "filing"}
        path = f"/api/v1/mediation-cases/{case['mediation_case_id']}/failure"

        def recorded(r: httpx.Response) -> bool:
            if r.status_code == 200:
                return True
            return r.status_code in (409, 422) and self.mediation_case(case_id)["status"] == "failed"

        self.call("mediation", "POST", path, json=failure, accept=recorded)

    def journey(self, count: int, fault: "Fault | None" = None, *, causal: bool = True) -> list[str]:
        """``count`` disputes through register → mediation opens → half of them fail → filing queue,
        with ``fault`` injected after the first half was registered (and healed by its own thread)."""
        cases = [self.register() for _ in range(count // 2)]
        if fault is not None:
            fault.start()
        cases += [self.register() for _ in range(count - count // 2)]
        for index, case_id in enumerate(cases):
            if index % 2 == 0:
                self.fail_mediation(case_id, causal=causal)
            else:
                self.mediation_case(case_id)
        if fault is not None:
            fault.join()
        return cases

    def fault(self, kind: str, inject: Callable[[], None], heal: Callable[[], None], hold: float) -> "Fault":
        """A fault to hand to ``journey`` (counted in the figures)."""
        self.figures.faults[kind] += 1
        return Fault(kind, inject, heal, hold)

    def assert_consistent(self, *, ends_drill: bool = True) -> consistency.Report:
        """The consistency check passes (within SETTLE_TIMEOUT) and no acknowledged dispute is missing.

        ``ends_drill``: counts one drill run in the figures (False for a check half-way through a drill).
        """
        report = consistency.check_until(self.clients, SETTLE_TIMEOUT)
        if dead := self.platform.dead():
            raise self.fail(f"processes died: {[c.label for c in dead]}")
        known = {d["case_id"] for d in consistency._pages(self.clients["intake"], "/api/v1/disputes")}
        lost = sorted(set(self.acknowledged) - known)
        self.figures.records_lost = len(lost)
        self.figures.disputes_checked = max(self.figures.disputes_checked, report.disputes)
        if lost:
            raise self.fail(f"acknowledged disputes missing at intake: {lost}")
        if not report.consistent:
            raise self.fail("the services disagree:\n" + report.summary())
        self.figures.drills += int(ends_drill)
        return report


class Fault(threading.Thread):
    """A fault in the background: ``inject``, hold for ``hold`` seconds, ``heal``."""

    def __init__(self, name: str, inject: Callable[[], None], heal: Callable[[], None], hold: float) -> None:
        super().__init__(name=name, daemon=True)
        self.inject, self.heal, self.hold = inject, heal, hold
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.inject()
            time.sleep(self.hold)  # the outage lasts this long (not a wait for a result)
        except BaseException as exc:  # noqa: BLE001 (reported by join)
            self.error = exc
        finally:
            try:
                self.heal()
            except BaseException as exc:  # noqa: BLE001
                self.error = self.error or exc

    def join(self, timeout: float | None = 120.0) -> None:
        super().join(timeout)
        if self.is_alive():
            raise RuntimeError(f"fault {self.name} did not heal within {timeout} s")
        if self.error is not None:
            raise self.error


def bearer_token(key: SigningKey, role: str) -> str:
    """A token of the drills' identity provider for ``drill.<role>``, valid for two hours."""
    now = datetime.now(UTC)
    claims = claims_for(
        f"drill.{role}", [role], now=now, iss=ISSUER, aud=AUDIENCE, exp=now + timedelta(hours=2), institution="drill"
    )
    return key.sign(claims)


@pytest.fixture(scope="module")
def drill_platform(postgres_admin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DrillPlatform]:
    """All five services on their own nats-server and databases, each database behind a cuttable proxy."""
    if not infra.nats_binary_available():
        infra.require_or_skip("no nats-server binary for the drills")
    nats = LocalNatsServer(tmp_path_factory.mktemp("drill-nats"))
    nats.start()
    databases = {name: infra.create_scratch_database(postgres_admin, "dr_" + name[:4]) for name in DEFAULT_PORTS}
    proxies = {name: CuttableProxy("127.0.0.1", 5432) for name in DEFAULT_PORTS}
    key = rsa_key("drill-1")
    jwks_file = tmp_path_factory.mktemp("drill-idp") / "jwks.json"
    jwks_file.write_text(json.dumps(jwks(key)), encoding="utf-8")
    plans = []
    for name, url in databases.items():
        prefix = env_prefix(name) + "AUTH__"
        identity = {prefix + "OIDC_ISSUER": ISSUER, prefix + "OIDC_AUDIENCE": AUDIENCE,
                    prefix + "OIDC_JWKS_FILE": str(jwks_file)}
        plans.append(ServicePlan(name=name, port=free_port(), database_url=proxies[name].url_for(url),
                                 nats_url=nats.url, extra_env=identity))
    log_dir = tmp_path_factory.mktemp("drill-logs")
    platform = Platform(plans, log_dir=log_dir)
    clients = {
        plan.name: httpx.Client(
            base_url=plan.base_url, timeout=10.0, trust_env=False,
            headers={"Authorization": f"Bearer {bearer_token(key, CLIENT_ROLES[plan.name])}"},
        )
        for plan in plans
    }
    drill = DrillPlatform(platform, nats, proxies, clients, Figures())
    try:
        asyncio.run(provision_at(nats.url, ProvisioningPolicy()))
        try:
            platform.migrate(timeout=READY_TIMEOUT)
            platform.start()
            platform.wait_ready(READY_TIMEOUT)
        except PlatformError as exc:
            pytest.fail(f"the platform did not come up: {exc}\n{platform.tails()}", pytrace=False)
        yield drill
    finally:
        for client in clients.values():
            client.close()
        platform.stop()
        nats.stop()
        for proxy in proxies.values():
            proxy.close()
        for url in databases.values():
            infra.drop_database(postgres_admin, url)
        _write_figures(drill.figures, log_dir)


def _write_figures(figures: Figures, log_dir: Path) -> None:
    """Appends this module's figures to ``var/drills/figures.jsonl`` (read by whoever updates docs/drills.md)."""
    out = Path(__file__).resolve().parents[2] / "var" / "drills" / "figures.jsonl"
    with contextlib.suppress(OSError):
        out.parent.mkdir(parents=True, exist_ok=True)
        line = {
            "at": datetime.now(UTC).isoformat(timespec="seconds"), "long": LONG, "disputes_per_drill": DISPUTES,
            "drills": figures.drills, "faults": dict(figures.faults), "faults_total": sum(figures.faults.values()),
            "disputes_acknowledged": figures.disputes_acknowledged, "disputes_checked": figures.disputes_checked,
            "records_lost": figures.records_lost, "republished": figures.republished,
            "processes_killed": figures.processes_killed, "logs": str(log_dir),
        }
        with out.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")

