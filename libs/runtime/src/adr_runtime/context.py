"""What a service is made of, and the resources one process of it holds."""

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adr_contracts.services import ServiceName
from adr_runtime.db import create_engine, session_factory
from adr_runtime.settings import ServiceSettings
from adr_runtime.tables import MessagingTables

if TYPE_CHECKING:
    from fastapi import APIRouter

    from adr_runtime.auth.access import AccessPolicy
    from adr_runtime.auth.tables import AuthTables
    from adr_runtime.consumer import Subscription
    from adr_runtime.web import WebShell


@dataclass(frozen=True)
class ServiceSpec:
    """A service's description, given by the service to the shared runtime."""

    name: ServiceName
    title: str
    settings_type: type[ServiceSettings]
    metadata: MetaData
    tables: MessagingTables
    migrations_dir: Path
    default_port: int
    routers: Callable[["ServiceContext"], Sequence["APIRouter"]]
    subscriptions: Callable[["ServiceContext"], Sequence["Subscription"]]
    domain_errors: Mapping[type[Exception], int] = field(default_factory=dict)
    description: str = ""
    shell: "WebShell | None" = None
    # sign-in (issue #3): the staff-account and audit tables in ``metadata``, and who may read or change
    auth_tables: "AuthTables | None" = None
    access: "AccessPolicy | None" = None
    # the service's own commands besides api/worker/migrate (``adr-<svc> <name> [args...]``): each gets
    # the process's context and the remaining arguments
    commands: Mapping[str, Callable[["ServiceContext", list[str]], Awaitable[None]]] = field(default_factory=dict)
    # routers open without sign-in, with their own protections (issue #12: the applicant portal)
    public_routers: Callable[["ServiceContext"], Sequence["APIRouter"]] | None = None
    # a task the worker runs beside the relay until stopped (issue #12: the notification sweeper)
    background: Callable[["ServiceContext", asyncio.Event], Awaitable[None]] | None = None

    @property
    def version_table(self) -> str:
        """Alembic's version table of this service (services may share a database)."""
        return f"alembic_version_{self.name.replace('-', '_')}"


@dataclass
class ServiceContext:
    """One process's resources: settings, engine, sessions, and service-specific extras."""

    spec: ServiceSpec
    settings: ServiceSettings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def tables(self) -> MessagingTables:
        """The service's outbox, inbox and case-history tables."""
        return self.spec.tables

    @classmethod
    def build(cls, spec: ServiceSpec, settings: ServiceSettings) -> "ServiceContext":
        """Creates the engine and session factory for a service.

        Args:
            spec: the service.
            settings: its settings, read once by the entry point.
        """
        engine = create_engine(settings.resolved_database_url(spec.name))
        return cls(spec=spec, settings=settings, engine=engine, sessions=session_factory(engine))
