"""Narrowing lists to what a principal may see (O3: an agency liaison sees only its own unit's disputes)."""

import json

from sqlalchemy import ColumnElement, String, cast
from sqlalchemy.sql.elements import ColumnElement as AnyColumn

from adr_runtime.auth.roles import Principal, Role


def agency_scope(principal: Principal) -> str | None:
    """The agency a principal's lists are limited to: a liaison's own (unless also admin); None for others."""
    if Role.AGENCY_LIAISON in principal.roles and Role.ADMIN not in principal.roles:
        return principal.agency_code
    return None


def json_list_contains(column: AnyColumn[object], value: str) -> ColumnElement[bool]:
    """``value`` is an element of the JSON list in ``column`` (SQLite and PostgreSQL alike).

    The list is stored as ``json.dumps`` wrote it, so its text holds the element JSON-quoted.
    """
    return cast(column, String).contains(json.dumps(value), autoescape=True)
