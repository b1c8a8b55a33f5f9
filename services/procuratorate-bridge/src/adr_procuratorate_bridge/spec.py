"""Procuratorate-bridge as the shared runtime sees it."""

from pathlib import Path

from adr_procuratorate_bridge.api import analyses, analysis, hearings, suggestions
from adr_procuratorate_bridge.api.routes import router
from adr_procuratorate_bridge.domain.errors import Conflict, DomainError, NotFound
from adr_procuratorate_bridge.messaging.subscriptions import subscriptions
from adr_procuratorate_bridge.schedules import JOBS
from adr_procuratorate_bridge.settings import Settings
from adr_procuratorate_bridge.store.tables import auth, messaging, metadata
from adr_procuratorate_bridge.web import pages
from adr_runtime.auth import AccessPolicy, Role
from adr_runtime.context import ServiceSpec
from adr_runtime.schedules import scheduled

# who may read (GET, HEAD) and who may change (other methods) the API and pages; admin always (O2)
ACCESS = AccessPolicy.of(read=[], write=[Role.PROCURATOR])

SPEC = ServiceSpec(
    name="procuratorate-bridge",
    title="区检察院 · 检察工作室 (procuratorate-bridge)",
    description=(
        "Receives what the procuratorate is entitled to see, with receipts; issues and tracks procuratorial "
        "suggestions; records hearings, judicial assistance, joint analyses and quality evaluations; drafts "
        "annual and thematic analyses. Clauses P1, P2, P3, P4, P5, M9."
    ),
    settings_type=Settings,
    metadata=metadata,
    tables=messaging,
    auth_tables=auth,
    access=ACCESS,
    migrations_dir=Path(__file__).parent / "migrations",
    default_port=8004,
    routers=lambda _ctx: [
        router, suggestions.router, hearings.router, analysis.router, analyses.router, pages.router,
    ],
    shell=pages.SHELL,
    subscriptions=subscriptions,
    domain_errors={NotFound: 404, Conflict: 409, DomainError: 422},
    background=scheduled(JOBS),  # the recurring sweeps (adr_runtime.schedules)
)
