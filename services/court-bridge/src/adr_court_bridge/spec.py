"""Court-bridge as the shared runtime sees it."""

from pathlib import Path

from adr_court_bridge.api import boundary, filing, studio
from adr_court_bridge.api.routes import router
from adr_court_bridge.domain.errors import (
    AlreadyFiled,
    DomainError,
    FilingEntryNotFound,
    RecordNotFound,
    SuggestionStateError,
)
from adr_court_bridge.messaging.subscriptions import subscriptions
from adr_court_bridge.schedules import JOBS
from adr_court_bridge.settings import Settings
from adr_court_bridge.store.tables import auth, messaging, metadata
from adr_court_bridge.web import pages
from adr_runtime.auth import AccessPolicy, Role
from adr_runtime.context import ServiceSpec
from adr_runtime.schedules import scheduled

# who may read (GET, HEAD) and who may change (other methods) the API and pages; admin always (O2)
ACCESS = AccessPolicy.of(read=[Role.CENTRE_STAFF], write=[Role.COURT_CLERK])

SPEC = ServiceSpec(
    name="court-bridge",
    title="区法院 · 行政争议化解工作室 (court-bridge)",
    description="Links the court to the other institutions: the filing queue (M3: failed mediation "
    "flows into filing at once, keeping the date first received). Clauses M3, K1.",
    settings_type=Settings,
    metadata=metadata,
    tables=messaging,
    auth_tables=auth,
    access=ACCESS,
    migrations_dir=Path(__file__).parent / "migrations",
    default_port=8003,
    routers=lambda _ctx: [router, filing.router, studio.router, boundary.router, pages.router],
    shell=pages.SHELL,
    subscriptions=subscriptions,
    domain_errors={
        FilingEntryNotFound: 404, RecordNotFound: 404, AlreadyFiled: 409, SuggestionStateError: 409, DomainError: 422,
    },
    background=scheduled(JOBS),  # the recurring sweeps (adr_runtime.schedules)
)
