"""Inserting a batch of rows in one statement, leaving alone the rows whose key is already there.

On PostgreSQL the batch travels as one array per column (``INSERT ... SELECT * FROM unnest(...)``):
one statement and one round trip for thousands of rows, encoded by asyncpg without per-row work in
SQLAlchemy. Other databases (SQLite for ``make run``) get SQLAlchemy's multi-row insert. Both skip
the rows that conflict on the primary key and return the keys of the rows they inserted.
"""

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import JSON, TypeDecorator


async def insert_new(session: AsyncSession, table: Table, rows: list[dict[str, Any]], returning: str) -> set[Any]:
    """Inserts the rows whose primary key is not there yet; returns the ``returning`` column of those inserted."""
    if not rows:
        return set()
    if session.get_bind().dialect.name == "postgresql":
        return await _unnest(session, table, rows, returning)
    statement = sqlite.insert(table).on_conflict_do_nothing().returning(table.c[returning])
    if len(rows) == 1:
        return set((await session.execute(statement.values(rows[0]))).scalars())
    return set((await session.execute(statement, rows)).scalars())


async def _unnest(session: AsyncSession, table: Table, rows: list[dict[str, Any]], returning: str) -> set[Any]:
    sql, columns = _unnest_sql(table, returning)
    arrays = [
        [row.get(name) for row in rows] if convert is None else [convert(row.get(name)) for row in rows]
        for name, convert in columns
    ]
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    records = await raw.driver_connection.fetch(sql, *arrays)  # type: ignore[union-attr]
    return {record[0] for record in records}


_PG = postgresql.dialect()  # type: ignore[no-untyped-call]


@cache
def _unnest_sql(table: Table, returning: str) -> tuple[str, list[tuple[str, Callable[[Any], Any] | None]]]:
    columns = list(table.columns)
    casts = ", ".join(f"${n}::{_impl(c).compile(dialect=_PG)}[]" for n, c in enumerate(columns, start=1))
    names = ", ".join(f'"{c.name}"' for c in columns)
    keys = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    sql = (
        f'INSERT INTO "{table.name}" ({names}) SELECT * FROM unnest({casts}) '
        f'ON CONFLICT ({keys}) DO NOTHING RETURNING "{returning}"'
    )
    return sql, [(c.name, _converter(c)) for c in columns]


def _impl(column: Column[Any]) -> Any:
    kind = column.type
    return kind.impl_instance if isinstance(kind, TypeDecorator) else kind


def _converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        return lambda value: kind.process_bind_param(value, _PG)
    if isinstance(kind, JSON):
        return lambda value: None if value is None else json.dumps(value, ensure_ascii=False)
    return None  # asyncpg takes the value as it is
