"""The five services as real processes (api + worker each) on a nats-server and PostgreSQL databases of their own.

The platform is started once per module: its own nats-server (so no other test's messages reach it),
one fresh PostgreSQL database per service, streams provisioned, databases migrated, every ``/readyz``
answering. Each process writes its output to ``<tmp>/logs/<service>-<role>.log``; failures show the tails.

Every process authenticates for real (issue #3): each trusts a test identity provider whose JWKS is
a file (``<PREFIX>_AUTH__OIDC_*``), and the HTTP clients carry a bearer token it signed for the
service's role; every database also holds the demo accounts (``demo.<role>``, ``demo.agency_liaison2``)
with a password generated per run, for the browser tests that sign in through the form.
"""

import asyncio
import json
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NoReturn

import httpx
import pytest

from adr_runtime.auth.testkit import SigningKey, claims_for, jwks, rsa_key
from adr_runtime.localnats import LocalNatsServer, free_port
from adr_runtime.provisioning import ProvisioningPolicy, provision_at
from adr_runtime.supervisor import DEFAULT_PORTS, Platform, PlatformError, ServicePlan, describe_dead, env_prefix
from adr_runtime.testing import infra

READY_TIMEOUT = 120.0  # ten Python processes starting at once on two cores
FLOW_TIMEOUT = 60.0
ISSUER = "https://idp.e2e.example/realms/adr"
AUDIENCE = "adr-platform"
# the role each service's client acts with (its access policy allows it to read and write there)
CLIENT_ROLES = {
    "intake": "centre_staff",
    "mediation": "mediator",
    "court-bridge": "court_clerk",
    "procuratorate-bridge": "procurator",
    "reporting": "justice_analyst",
}


@dataclass
class RunningPlatform:
    """The started platform and an HTTP client per service."""

    platform: Platform
    clients: dict[str, httpx.Client]
    demo_password: str = ""

    def base_url(self, service: str) -> str:
        """Where the service answers."""
        return next(plan.base_url for plan in self.platform.plans if plan.name == service)

    def __getitem__(self, service: str) -> httpx.Client:
        return self.clients[service]

    def failure(self, message: str) -> BaseException:
        """The test's failure with the message and every process's last output lines."""
        text = f"{message}\n\nlast output of each process:\n{self.platform.tails()}"
        return pytest.fail.Exception(text, pytrace=False)

    def fail(self, message: str) -> NoReturn:
        """Fails the test (see ``failure``)."""
        raise self.failure(message)

    def eventually(
        self, what: str, request: Callable[[], httpx.Response], accept: Callable[[httpx.Response], bool]
    ) -> httpx.Response:
        """Repeats ``request`` until ``accept`` holds (≤ FLOW_TIMEOUT); fails showing the last response."""
        deadline = time.monotonic() + FLOW_TIMEOUT
        last = "no response yet"
        while time.monotonic() < deadline:
            if dead := self.platform.dead():
                self.fail(f"{describe_dead(dead)} while waiting until {what}")
            try:
                response = request()
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if accept(response):
                    return response
                last = f"{response.status_code} {response.text[:1000]}"
            time.sleep(0.25)
        raise self.failure(f"not within {FLOW_TIMEOUT:.0f} s: {what}; last response: {last}")


@pytest.fixture(scope="module")
def e2e_nats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A nats-server of this module alone, with JetStream in a temporary directory."""
    if not infra.nats_binary_available():
        infra.require_or_skip("no nats-server binary for the end-to-end test")
    server = LocalNatsServer(tmp_path_factory.mktemp("e2e-nats"))
    server.start()
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def service_databases(postgres_admin: str) -> Iterator[dict[str, str]]:
    """One fresh PostgreSQL database per service (O2: each service owns its database)."""
    urls = {name: infra.create_scratch_database(postgres_admin, "e2e_" + name[:4]) for name in DEFAULT_PORTS}
    yield urls
    for url in urls.values():
        infra.drop_database(postgres_admin, url)


def _identity_env(service: str, jwks_file: Path) -> dict[str, str]:
    prefix = env_prefix(service) + "AUTH__"
    return {
        prefix + "OIDC_ISSUER": ISSUER, prefix + "OIDC_AUDIENCE": AUDIENCE, prefix + "OIDC_JWKS_FILE": str(jwks_file)
    }


def bearer_token(key: SigningKey, role: str) -> str:
    """A token of the test identity provider for an ``e2e.<role>`` person, valid for two hours."""
    now = datetime.now(UTC)
    claims = claims_for(
        f"e2e.{role}", [role], now=now, iss=ISSUER, aud=AUDIENCE, exp=now + timedelta(hours=2), institution="e2e"
    )
    return key.sign(claims)


def _start(platform: Platform, nats_url: str, log_dir: Path, demo_password: str) -> None:
    asyncio.run(provision_at(nats_url, ProvisioningPolicy()))
    try:
        platform.migrate(timeout=READY_TIMEOUT)
        platform.seed_demo(demo_password, timeout=READY_TIMEOUT)
        platform.start()
        platform.wait_ready(READY_TIMEOUT)
    except PlatformError as exc:
        problem = str(exc)
    else:
        return
    platform.stop()
    pytest.fail(f"the platform did not come up: {problem}\nlogs in {log_dir}\n{platform.tails()}", pytrace=False)


@pytest.fixture(scope="module")
def running_platform(
    e2e_nats: str, service_databases: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningPlatform]:
    """All five services migrated, demo accounts seeded, started and ready, on free ports."""
    key = rsa_key("e2e-1")
    jwks_file = tmp_path_factory.mktemp("e2e-idp") / "jwks.json"
    jwks_file.write_text(json.dumps(jwks(key)), encoding="utf-8")
    plans = [
        ServicePlan(
            name=name, port=free_port(), database_url=url, nats_url=e2e_nats,
            extra_env=_identity_env(name, jwks_file),
        )
        for name, url in service_databases.items()
    ]
    log_dir = tmp_path_factory.mktemp("e2e-logs")
    platform = Platform(plans, log_dir=log_dir)
    demo_password = secrets.token_urlsafe(12)
    _start(platform, e2e_nats, log_dir, demo_password)
    clients = {
        plan.name: httpx.Client(
            base_url=plan.base_url, timeout=10.0,
            headers={"Authorization": f"Bearer {bearer_token(key, CLIENT_ROLES[plan.name])}"},
        )
        for plan in plans
    }
    try:
        yield RunningPlatform(platform, clients, demo_password)
    finally:
        for client in clients.values():
            client.close()
        platform.stop()
