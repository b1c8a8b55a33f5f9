"""Prometheus metrics shared by every service (exposed at /metrics)."""

from prometheus_client import Counter, Gauge

RELAYED = Counter("adr_outbox_relayed_total", "Events published from the outbox", ["service"])
OUTBOX_LAG = Gauge("adr_outbox_oldest_unpublished_seconds", "Age of the oldest event not yet published", ["service"])
CONSUMED = Counter("adr_events_consumed_total", "Events applied by a consumer", ["consumer"])
DUPLICATES = Counter("adr_events_duplicate_total", "Events skipped because already applied", ["consumer"])
RETRIED = Counter("adr_events_retried_total", "Events handed back for a delayed retry", ["consumer"])
DEAD_LETTERED = Counter("adr_events_dead_lettered_total", "Events moved to the dead-letter stream", ["consumer"])
SIGNATURES_REFUSED = Counter(
    "adr_events_signature_refused_total", "Events refused for a missing, foreign or wrong signature", ["consumer"]
)
