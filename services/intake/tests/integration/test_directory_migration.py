"""The hand-written directory migration creates exactly the tables and columns the code declares."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from adr_intake.spec import SPEC
from adr_runtime.testing.service import migrated_context

from .test_review_migration import _table_of

pytestmark = [pytest.mark.integration, pytest.mark.clause("O3", "C2", "A1")]

OURS = {"agency_units", "agency_liaisons", "dispute_applicant_keys", "disputes"}


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [diff for diff in compare_metadata(context, SPEC.metadata) if _table_of(diff) in OURS]


async def test_the_migrated_schema_matches_the_tables(database_url: str) -> None:
    ctx = await migrated_context(SPEC, database_url=database_url)
    try:
        async with ctx.engine.connect() as connection:
            tables = set(await connection.run_sync(lambda c: c.dialect.get_table_names(c)))
            differences = await connection.run_sync(_differences)
    finally:
        await ctx.engine.dispose()

    assert tables >= OURS
    assert differences == []
