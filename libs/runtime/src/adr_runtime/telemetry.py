"""OpenTelemetry set-up: one tracer provider per process; trace context travels in NATS headers.

Spans are recorded only while something exports them (an OTLP endpoint is configured, or a span
processor was added later, as the tests do). Until then every span is a non-recording one: it still
carries a trace id, so the request's trace context still travels with the events it causes, but it
collects no attributes or events, which keeps the instrumentation's cost per request small.
"""

import os
from collections.abc import Sequence

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ALWAYS_ON, Decision, ParentBased, Sampler, SamplingResult
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes

_provider: "ExportAwareProvider | None" = None


class RecordWhileExporting(Sampler):
    """Samples as ``ParentBased(ALWAYS_ON)`` once spans have somewhere to go, drops them before."""

    def __init__(self) -> None:
        self.exporting = False
        self._inner = ParentBased(ALWAYS_ON)

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        """Drops (a non-recording span, ids kept) until a span processor is added."""
        if not self.exporting:
            return SamplingResult(Decision.DROP)
        return self._inner.should_sample(parent_context, trace_id, name, kind, attributes, links, trace_state)

    def get_description(self) -> str:
        """The sampler's name in diagnostics."""
        return "RecordWhileExporting"


class ExportAwareProvider(TracerProvider):
    """A tracer provider whose sampler starts recording when the first span processor is added."""

    def __init__(self, resource: Resource) -> None:
        self.recording = RecordWhileExporting()
        super().__init__(resource=resource, sampler=self.recording)

    def add_span_processor(self, span_processor: SpanProcessor) -> None:
        """Adds the processor; from now on spans are recorded."""
        super().add_span_processor(span_processor)
        self.recording.exporting = True


def setup_tracing(service: str) -> TracerProvider:
    """Creates the process's tracer provider; exports over OTLP/HTTP when an endpoint is set.

    Args:
        service: the ``service.name`` resource attribute.
    """
    global _provider
    if _provider is not None:
        return _provider
    provider = ExportAwareProvider(Resource.create({"service.name": service, "service.namespace": "adr"}))
    if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    _provider = provider
    return provider
