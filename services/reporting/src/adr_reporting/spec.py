"""Reporting as the shared runtime sees it."""

from pathlib import Path

from adr_reporting.api import indicator_routes, notice_routes, oversight_routes, records_routes, typical_case_routes
from adr_reporting.api.routes import router
from adr_reporting.commands import COMMANDS
from adr_reporting.domain.errors import Conflict, NotFound, ReportingError
from adr_reporting.messaging.subscriptions import subscriptions
from adr_reporting.schedules import JOBS
from adr_reporting.settings import Settings
from adr_reporting.store.tables import auth, messaging, metadata
from adr_reporting.web import pages
from adr_runtime.auth import AccessPolicy, Role
from adr_runtime.context import ServiceSpec
from adr_runtime.schedules import scheduled

# who may read (GET, HEAD) and who may change (other methods) the API and pages; admin always (O2)
# the indicators are read only; the Justice Bureau's analysts record joint meetings, supervise their
# tasks, draft and publish typical cases and generate notices (O1, R3, C6)
ACCESS = AccessPolicy.of(read=[Role.CENTRE_STAFF], write=[Role.JUSTICE_ANALYST])

SPEC = ServiceSpec(
    name="reporting",
    title="区司法局 · 统计与督办 (reporting)",
    description="Indicators built from events only, without personal data. Clauses M11, C6.",
    settings_type=Settings,
    metadata=metadata,
    tables=messaging,
    auth_tables=auth,
    access=ACCESS,
    migrations_dir=Path(__file__).parent / "migrations",
    default_port=8005,
    routers=lambda _ctx: [router, indicator_routes.router, oversight_routes.router, notice_routes.router,
                          records_routes.router, typical_case_routes.router, pages.router],
    shell=pages.SHELL,
    subscriptions=subscriptions,
    commands=COMMANDS,
    domain_errors={NotFound: 404, Conflict: 409, ReportingError: 422},
    background=scheduled(JOBS),  # the recurring sweeps (adr_runtime.schedules)
)
