"""The hand-written filing-review migration creates exactly the tables the code declares (SQLite and PostgreSQL)."""

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from adr_intake.spec import SPEC
from adr_runtime.testing.service import migrated_context

pytestmark = pytest.mark.integration

OURS = {"filing_reviews", "holiday_calendar_years", "holiday_calendar_days"}


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [diff for diff in compare_metadata(context, SPEC.metadata) if _table_of(diff) in OURS]


def _table_of(diff: Any) -> str:
    kind, *args = diff[0] if isinstance(diff, list) else diff  # modify_* come grouped in a list
    if kind.endswith("_table"):
        return str(args[0].name)
    if kind.endswith(("_index", "_constraint", "_fk")):
        return str(args[0].table.name)
    return str(args[1])  # add_column, remove_column, modify_*: (schema, table, ...)


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
