"""Intake as the shared runtime sees it."""

from pathlib import Path

from adr_intake.api import filing_checks
from adr_intake.api.routes import router
from adr_intake.domain.errors import AlreadyRouted, DisputeNotFound, DomainError
from adr_intake.messaging.subscriptions import subscriptions
from adr_intake.settings import Settings
from adr_intake.store.repository import ConcurrentUpdate
from adr_intake.store.tables import messaging, metadata
from adr_intake.web import pages
from adr_runtime.context import ServiceSpec

SPEC = ServiceSpec(
    name="intake",
    title="行政争议化解中心 · 登记与分流 (intake)",
    description="Registers every dispute first (先登后调), reviews it and routes it. Clauses M3, C1, W1, R2.",
    settings_type=Settings,
    metadata=metadata,
    tables=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    default_port=8001,
    routers=lambda _ctx: [router, filing_checks.router, pages.router],
    shell=pages.SHELL,
    subscriptions=subscriptions,
    domain_errors={DisputeNotFound: 404, AlreadyRouted: 409, ConcurrentUpdate: 409, DomainError: 422},
)
