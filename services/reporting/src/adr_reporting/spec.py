"""Reporting as the shared runtime sees it."""

from pathlib import Path

from adr_reporting.api.routes import router
from adr_reporting.messaging.subscriptions import subscriptions
from adr_reporting.settings import Settings
from adr_reporting.store.tables import messaging, metadata
from adr_runtime.context import ServiceSpec

SPEC = ServiceSpec(
    name="reporting",
    title="区司法局 · 统计与督办 (reporting)",
    description="Indicators built from events only, without personal data. Clauses M11, C6.",
    settings_type=Settings,
    metadata=metadata,
    tables=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    default_port=8005,
    routers=lambda _ctx: [router],
    subscriptions=subscriptions,
)
