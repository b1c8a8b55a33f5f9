"""Hot ``INSERT … ON CONFLICT`` statements as plain SQL, compiled once per process.

SQLAlchemy 2.0 gives its PostgreSQL and SQLite inserts no cache key (``inherit_cache = False``: their
``ON CONFLICT`` clauses are not part of one), so each execution compiles the statement again, about a
third of a millisecond of CPU each time. The statements that run once per consumed event or per request
are written here instead, in SQL that PostgreSQL and SQLite (3.24 and later) both accept, with each
parameter typed by its column so values are converted as SQLAlchemy's own statements convert them.
Identifiers come from the services' table definitions, never from input.
"""

from collections.abc import Sequence
from functools import cache

from sqlalchemy import Table, TextClause, bindparam, text


@cache
def insert_or_ignore(table: Table, columns: tuple[str, ...], conflict: tuple[str, ...]) -> TextClause:
    """``INSERT INTO table (columns) VALUES (…) ON CONFLICT (conflict) DO NOTHING``.

    Args:
        table: the table (its columns type the parameters, named after them).
        columns: the columns given (a tuple: the statement is cached by its arguments).
        conflict: the unique columns whose conflict skips the row.
    """
    names = ", ".join(columns)
    values = ", ".join(f":{name}" for name in columns)
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({values}) ON CONFLICT ({', '.join(conflict)}) DO NOTHING"  # noqa: S608
    return typed(table, text(sql), columns)


def typed(table: Table, statement: TextClause, columns: Sequence[str]) -> TextClause:
    """The statement with each named parameter typed by the table's column of that name."""
    return statement.bindparams(*(bindparam(name, type_=table.c[name].type) for name in columns))
