"""The request path's own code: the correlation-id middleware (pure ASGI), problems, the tracing sampler."""

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic import BaseModel

from adr_runtime.api_deps import CorrelationDep
from adr_runtime.http import CORRELATION_HEADER, CorrelationIdMiddleware
from adr_runtime.outbox import current_trace_headers
from adr_runtime.problems import PROBLEM_JSON, install_problem_handlers
from adr_runtime.telemetry import ExportAwareProvider

pytestmark = pytest.mark.clause("O2")


class Body(BaseModel):
    name: str


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app, {})
    app.add_middleware(CorrelationIdMiddleware)

    @app.get("/seen")
    async def seen(correlation_id: CorrelationDep, request: Request) -> dict[str, str]:
        return {"dependency": str(correlation_id), "state": str(request.state.correlation_id)}

    @app.post("/echo")
    async def echo(body: Body) -> dict[str, str]:
        return {"name": body.name}

    @app.get("/stream")
    async def stream() -> StreamingResponse:
        return StreamingResponse(iter([b"a", b"b", b"c"]), media_type="text/plain")

    return app


@pytest.fixture
async def client() -> Any:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app()), base_url="http://test") as http:
        yield http


async def test_a_valid_supplied_correlation_id_is_kept_and_echoed(client: httpx.AsyncClient) -> None:
    supplied = str(uuid.uuid4())

    response = await client.get("/seen", headers={CORRELATION_HEADER: supplied})

    assert response.headers[CORRELATION_HEADER] == supplied
    assert response.json() == {"dependency": supplied, "state": supplied}


@pytest.mark.parametrize("supplied", [None, "", "not-a-uuid", "1234"])
async def test_a_missing_or_invalid_correlation_id_is_replaced_by_a_new_one(
    client: httpx.AsyncClient, supplied: str | None
) -> None:
    headers = {CORRELATION_HEADER: supplied} if supplied is not None else {}

    response = await client.get("/seen", headers=headers)

    given = response.headers[CORRELATION_HEADER]
    assert uuid.UUID(given) and given != supplied
    assert response.json()["dependency"] == given


async def test_each_request_gets_its_own_correlation_id(client: httpx.AsyncClient) -> None:
    ids = {(await client.get("/seen")).headers[CORRELATION_HEADER] for _ in range(3)}

    assert len(ids) == 3


async def test_the_response_has_exactly_one_correlation_header(client: httpx.AsyncClient) -> None:
    response = await client.get("/seen", headers={CORRELATION_HEADER: str(uuid.uuid4())})

    assert len(response.headers.get_list(CORRELATION_HEADER)) == 1


async def test_problems_still_come_as_problem_json_with_the_correlation_id(client: httpx.AsyncClient) -> None:
    supplied = str(uuid.uuid4())

    invalid = await client.post("/echo", json={}, headers={CORRELATION_HEADER: supplied})
    missing = await client.get("/nowhere", headers={CORRELATION_HEADER: supplied})

    assert invalid.status_code == 422
    assert invalid.headers["content-type"] == PROBLEM_JSON
    assert invalid.json()["errors"][0]["field"] == "name"
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM_JSON
    assert invalid.headers[CORRELATION_HEADER] == missing.headers[CORRELATION_HEADER] == supplied


async def test_request_bodies_and_streamed_responses_pass_through_untouched(client: httpx.AsyncClient) -> None:
    posted = await client.post("/echo", json={"name": "张三"})
    streamed = await client.get("/stream")

    assert posted.json() == {"name": "张三"}
    assert streamed.text == "abc"
    assert CORRELATION_HEADER in streamed.headers


async def test_other_scopes_than_http_go_straight_to_the_app() -> None:
    seen: list[dict[str, Any]] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope)

    await CorrelationIdMiddleware(inner)({"type": "lifespan"}, None, None)  # type: ignore[arg-type]

    assert seen == [{"type": "lifespan"}]


def test_spans_are_not_recorded_until_something_exports_them() -> None:
    provider = ExportAwareProvider(Resource.create({"service.name": "test"}))
    tracer = provider.get_tracer("test")

    with tracer.start_as_current_span("before") as before:
        recorded_before = before.is_recording()
        carried = current_trace_headers()
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    with tracer.start_as_current_span("after") as after:
        recorded_after = after.is_recording()

    assert not recorded_before
    # the trace context still travels with the events while nothing records
    assert carried["traceparent"].split("-")[1] == f"{before.get_span_context().trace_id:032x}"
    assert recorded_after
    assert [span.name for span in exporter.get_finished_spans()] == ["after"]
