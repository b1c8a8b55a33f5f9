"""Every service's HTTP API, fuzzed from its own OpenAPI document (issue #10 item 5).

Schemathesis generates requests for every operation: valid ones (per the schema) and invalid ones
(wrong types, missing fields, out-of-range values). Each is sent, as an administrator, to the service
running in-process on a migrated SQLite database with a real nats-server behind it. Whatever comes in,
the answer is never a 5xx, and every error is a problem+json document naming what went wrong.

``ADR_FUZZ_EXAMPLES`` sets the examples per operation and mode (3 in ``make test``; ``make fuzz``
runs 100).
"""

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from adr_court_bridge.spec import SPEC as COURT
from adr_intake.spec import SPEC as INTAKE
from adr_mediation.spec import SPEC as MEDIATION
from adr_procuratorate_bridge.spec import SPEC as PROCURATORATE
from adr_reporting.spec import SPEC as REPORTING
from adr_runtime.context import ServiceContext, ServiceSpec
from adr_runtime.http import create_service_app
from adr_runtime.testing.service import api_client, migrated_context

pytestmark = [pytest.mark.integration, pytest.mark.fuzz, pytest.mark.clause("R2")]

SPECS = {spec.name: spec for spec in (INTAKE, MEDIATION, COURT, PROCURATORATE, REPORTING)}
EXAMPLES = int(os.environ.get("ADR_FUZZ_EXAMPLES", "3"))
# Server errors are never acceptable; 503 only where a dependency is down (none is, here).
PROBLEM = "application/problem+json"


def _openapi(spec: ServiceSpec) -> dict[str, Any]:
    settings_ = spec.settings_type(database_url="sqlite+aiosqlite:///:memory:", log_json=False)
    return create_service_app(ServiceContext.build(spec, settings_)).openapi()


# /readyz answers 503 by design while a dependency is down (the in-process app runs no lifespan probe)
NOT_FUZZED = {"/readyz"}
# the sign-in form answers a browser with the form again (HTML), not with problem+json
FORMS = {"/auth/login", "/auth/logout"}


def _operations() -> list[tuple[str, str, str, GenerationMode]]:
    """(service, method, path, mode): valid inputs for every operation, invalid ones where it takes input."""
    found: list[tuple[str, str, str, GenerationMode]] = []
    for name, spec in SPECS.items():
        for path, methods in sorted(_openapi(spec)["paths"].items()):
            if path in NOT_FUZZED:
                continue
            for method, operation in sorted(methods.items()):
                found.append((name, method.upper(), path, GenerationMode.POSITIVE))
                if operation.get("parameters") or operation.get("requestBody"):
                    found.append((name, method.upper(), path, GenerationMode.NEGATIVE))
    return found


OPERATIONS = _operations()


class Running:
    """The services on one private event loop, each with its schema and an administrator's client."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.contexts: dict[str, ServiceContext] = {}
        self.clients: dict[str, httpx.AsyncClient] = {}
        self.schemas: dict[str, Any] = {}

    def start(self, base: Path, nats_url: str) -> None:
        for name, spec in SPECS.items():
            ctx = self.loop.run_until_complete(
                migrated_context(spec, database_url=f"sqlite+aiosqlite:///{base / name}.db", nats_url=nats_url)
            )
            self.contexts[name] = ctx
            self.clients[name] = api_client(ctx)
            self.schemas[name] = schemathesis.openapi.from_dict(self.clients[name]._transport.app.openapi())  # type: ignore[attr-defined]

    def send(self, service: str, kwargs: dict[str, Any]) -> httpx.Response:
        client = self.clients[service]
        request = {
            k: v
            for k, v in kwargs.items()
            if k in {"method", "url", "headers", "params", "json", "content", "data", "files"}
        }
        if "data" in request and not isinstance(request["data"], dict):
            request["content"] = request.pop("data")
        headers = {k: str(v) for k, v in (request.pop("headers", None) or {}).items()}
        headers.pop("Content-Length", None)
        return self.loop.run_until_complete(client.request(headers=headers, **request))

    def stop(self) -> None:
        for name, client in self.clients.items():
            app = client._transport.app  # type: ignore[attr-defined]
            self.loop.run_until_complete(app.state.ops_nats.close())
            self.loop.run_until_complete(client.aclose())
            self.loop.run_until_complete(self.contexts[name].engine.dispose())


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory, nats_url: str) -> Iterator[Running]:
    from adr_runtime.provisioning import ProvisioningPolicy, provision_at

    loop = asyncio.new_event_loop()
    loop.run_until_complete(provision_at(nats_url, ProvisioningPolicy()))
    platform = Running(loop)
    platform.start(tmp_path_factory.mktemp("fuzz"), nats_url)
    yield platform
    platform.stop()
    loop.close()


def _check(response: httpx.Response, what: str, path: str) -> None:
    assert response.status_code < 500, f"{what} → {response.status_code}: {response.text[:300]}"
    if response.status_code >= 400 and path not in FORMS:
        assert response.headers.get("content-type", "").startswith(PROBLEM), f"{what} → not problem+json"
        body = response.json()
        assert body.get("status") == response.status_code and body.get("detail"), f"{what} → incomplete problem"


@pytest.mark.parametrize(
    ("service", "method", "path", "mode"),
    OPERATIONS,
    ids=[f"{s} {m} {p} {'valid' if mode == GenerationMode.POSITIVE else 'invalid'}" for s, m, p, mode in OPERATIONS],
)
def test_no_input_gets_a_server_error_and_every_error_is_a_problem(
    running: Running, service: str, method: str, path: str, mode: GenerationMode
) -> None:
    operation = running.schemas[service][path][method]
    tried: list[int] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(generation_mode=mode))
    def one(case: Any) -> None:
        kwargs = case.as_transport_kwargs(base_url="http://test")
        response = running.send(service, kwargs)
        tried.append(response.status_code)
        _check(response, f"{method} {path} ({mode.value})", path)

    try:
        one()
    except Unsatisfiable:
        # no request can break this operation's schema (e.g. a free-text path segment): nothing to send
        assert mode == GenerationMode.NEGATIVE, "valid inputs must always be possible"
        return
    assert tried, "no request was generated"
