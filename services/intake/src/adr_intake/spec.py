"""Intake as the shared runtime sees it."""

from pathlib import Path

from adr_intake.api import decisions, directory, filing_checks, filing_review, holiday_calendar, restriction
from adr_intake.api.routes import router
from adr_intake.domain.errors import (
    AlreadyRouted,
    ComputedVerdictChanged,
    Conflict,
    DisputeNotFound,
    DomainError,
    FilingReviewNotFound,
    NotFound,
)
from adr_intake.messaging.subscriptions import subscriptions
from adr_intake.portal import routes as portal_routes
from adr_intake.portal import staff as portal_staff
from adr_intake.portal.notices import notifier_for, run_sweeper
from adr_intake.settings import Settings
from adr_intake.store.repository import ConcurrentUpdate
from adr_intake.store.tables import auth, messaging, metadata
from adr_intake.web import decision_pages, directory_pages, pages, review_pages
from adr_runtime.auth import AccessPolicy, Role
from adr_runtime.context import ServiceSpec
from adr_runtime.notifications import inbox_router

# who may read (GET, HEAD) and who may change (other methods) the API and pages; admin always (O2)
ACCESS = AccessPolicy.of(read=[Role.JUSTICE_ANALYST, Role.COURT_CLERK, Role.AGENCY_LIAISON], write=[Role.CENTRE_STAFF])

SPEC = ServiceSpec(
    name="intake",
    title="行政争议化解中心 · 登记与分流 (intake)",
    description=(
        "Registers every dispute first (先登后调), classifies, reviews and routes it; keeps the agency directory "
        "with its liaison officers. Clauses M3, C1, C2, A1, O2, O3, W1, R2."
    ),
    settings_type=Settings,
    metadata=metadata,
    tables=messaging,
    auth_tables=auth,
    access=ACCESS,
    migrations_dir=Path(__file__).parent / "migrations",
    default_port=8001,
    routers=lambda _ctx: [
        router,
        filing_checks.router,
        filing_review.router,
        holiday_calendar.router,
        pages.router,
        review_pages.router,
        decisions.router,  # issue #4: classification, lead agency, withdrawal (C2, A1)
        directory.router,  # issue #4: the agency directory and liaisons (O3)
        decision_pages.router,
        directory_pages.router,
        restriction.router,  # issue #3: restricted cases, audited reads of personal data (O2, O3)
        inbox_router(notifier_for),  # issue #12: the staff inbox of in-app notices
        portal_staff.router,  # issue #12: a case's uploaded documents and notice record (R3)
    ],
    # issue #12: the applicant portal, public under /portal with its own protections (W1, M3)
    public_routers=lambda _ctx: [portal_routes.router],
    background=run_sweeper,  # the worker delivers notices (e-mail, SMS) with retries
    shell=pages.SHELL,
    subscriptions=subscriptions,
    domain_errors={
        FilingReviewNotFound: 404,
        ComputedVerdictChanged: 409,
        DisputeNotFound: 404,
        AlreadyRouted: 409,
        ConcurrentUpdate: 409,
        NotFound: 404,
        Conflict: 409,
        DomainError: 422,
    },
)
