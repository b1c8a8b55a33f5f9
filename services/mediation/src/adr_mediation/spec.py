"""Mediation as the shared runtime sees it."""

from pathlib import Path

from adr_mediation.api import case_work
from adr_mediation.api.pool import pool_router
from adr_mediation.api.routes import router
from adr_mediation.domain.errors import (
    AgreementNotFound,
    ConfirmationRefused,
    ConflictOfInterest,
    DomainError,
    DoubleBooked,
    InvalidTransition,
    MediationAlreadyOpen,
    MediationCaseNotFound,
    ObligationsOutstanding,
    SubsidyBatchClosed,
)
from adr_mediation.messaging.subscriptions import subscriptions
from adr_mediation.schedules import JOBS
from adr_mediation.settings import Settings
from adr_mediation.store.repository import ConcurrentUpdate
from adr_mediation.store.tables import auth, messaging, metadata
from adr_mediation.web import pages
from adr_runtime.auth import AccessPolicy, Role
from adr_runtime.context import ServiceSpec
from adr_runtime.schedules import scheduled

# who may read (GET, HEAD) and who may change (other methods) the API and pages; admin always (O2)
ACCESS = AccessPolicy.of(
    read=[Role.COURT_CLERK, Role.JUSTICE_ANALYST, Role.AGENCY_LIAISON], write=[Role.MEDIATOR, Role.CENTRE_STAFF]
)

SPEC = ServiceSpec(
    name="mediation",
    title="行政争议化解中心 · 调解 (mediation)",
    description=(
        "Mediation from opening to kept promises: cases opened from the centre's routing, the court's delegation, "
        "reconsideration or trial; mediators and sessions without double-booking; plans; risk assessment; the "
        "agreement (和解协议书, DOCX/PDF) with its obligations and judicial confirmation; overdue escalation; "
        "follow-up visits; case subsidies. Clauses C3, C4, W2-W5, A2, A3, J2, J3, M2, M3, M6, M10, R1, R4."
    ),
    settings_type=Settings,
    metadata=metadata,
    tables=messaging,
    auth_tables=auth,
    access=ACCESS,
    migrations_dir=Path(__file__).parent / "migrations",
    default_port=8002,
    routers=lambda _ctx: [router, case_work.router, pool_router, pages.router],
    shell=pages.SHELL,
    subscriptions=subscriptions,
    domain_errors={
        MediationCaseNotFound: 404,
        AgreementNotFound: 404,
        InvalidTransition: 409,
        DoubleBooked: 409,
        ConflictOfInterest: 409,
        ObligationsOutstanding: 409,
        ConfirmationRefused: 409,
        SubsidyBatchClosed: 409,
        MediationAlreadyOpen: 409,
        ConcurrentUpdate: 409,
        DomainError: 422,
    },
    background=scheduled(JOBS),  # the recurring sweeps (adr_runtime.schedules)
)
