"""Mediation as the shared runtime sees it."""

from pathlib import Path

from adr_mediation.api.routes import router
from adr_mediation.domain.errors import DomainError, InvalidTransition, MediationAlreadyOpen, MediationCaseNotFound
from adr_mediation.messaging.subscriptions import subscriptions
from adr_mediation.settings import Settings
from adr_mediation.store.repository import ConcurrentUpdate
from adr_mediation.store.tables import auth, messaging, metadata
from adr_mediation.web import pages
from adr_runtime.auth import AccessPolicy, Role
from adr_runtime.context import ServiceSpec

# who may read (GET, HEAD) and who may change (other methods) the API and pages; admin always (O2)
ACCESS = AccessPolicy.of(
    read=[Role.COURT_CLERK, Role.JUSTICE_ANALYST, Role.AGENCY_LIAISON], write=[Role.MEDIATOR, Role.CENTRE_STAFF]
)

SPEC = ServiceSpec(
    name="mediation",
    title="行政争议化解中心 · 调解 (mediation)",
    description=(
        "Opens one mediation case for each dispute the centre routes to mediation and records its outcome: "
        "a settlement agreement, or failure with the dispute sent on to filing or reconsideration. "
        "Clauses M3, W3, A2 (foundation)."
    ),
    settings_type=Settings,
    metadata=metadata,
    tables=messaging,
    auth_tables=auth,
    access=ACCESS,
    migrations_dir=Path(__file__).parent / "migrations",
    default_port=8002,
    routers=lambda _ctx: [router, pages.router],
    shell=pages.SHELL,
    subscriptions=subscriptions,
    domain_errors={
        MediationCaseNotFound: 404,
        InvalidTransition: 409,
        MediationAlreadyOpen: 409,
        ConcurrentUpdate: 409,
        DomainError: 422,
    },
)
