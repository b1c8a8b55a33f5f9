"""Marks mediation's tests that run on PostgreSQL through the parametrised ``database_url`` fixture."""

from pathlib import Path

import pytest

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Adds the ``postgres`` marker to the PostgreSQL variant of this folder's store tests."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or _HERE not in Path(item.path).parents:
            continue
        if callspec.params.get("database_url") == "postgres":
            item.add_marker(pytest.mark.postgres)
