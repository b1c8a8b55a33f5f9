"""Each service's migrations build exactly the tables its code declares, on SQLite and PostgreSQL."""

import importlib
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from adr_runtime.context import ServiceSpec
from adr_runtime.migrations import alembic_config, upgrade
from adr_runtime.testing.service import migrated_context

SERVICES = ["intake", "mediation", "court_bridge", "procuratorate_bridge", "reporting"]

pytestmark = [pytest.mark.integration, pytest.mark.clause("O2")]


def _spec(name: str) -> ServiceSpec:
    spec: ServiceSpec = importlib.import_module(f"adr_{name}.spec").SPEC
    return spec


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_has_one_migration_head(name: str) -> None:
    heads = ScriptDirectory.from_config(alembic_config(_spec(name).migrations_dir)).get_heads()

    assert len(heads) == 1, f"{name} has several heads {heads}: add a merge revision"


@pytest.mark.parametrize("name", SERVICES)
async def test_migrations_match_the_declared_tables(name: str, database_url: str) -> None:
    spec = _spec(name)
    ctx = await migrated_context(spec, database_url=database_url)
    try:
        await upgrade(ctx.engine, spec.migrations_dir)  # a second run changes nothing

        def differences(connection: Connection) -> list[Any]:
            context = MigrationContext.configure(
                connection,
                opts={"include_name": lambda n, t, _p: t != "table" or n in spec.metadata.tables,
                      "compare_type": True},
            )
            return list(compare_metadata(context, spec.metadata))

        async with ctx.engine.connect() as connection:
            diff = await connection.run_sync(differences)
        assert diff == [], f"{name}: models and migrations differ: {diff}"
    finally:
        await ctx.engine.dispose()
