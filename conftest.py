"""Workspace-wide pytest set-up: the real-infrastructure fixtures (NATS, PostgreSQL), and the order in
which test files reach the pytest-xdist workers."""

import pytest

pytest_plugins = ["adr_runtime.testing.fixtures"]

# Files that bring up whole platforms or subprocesses run for minutes with few tests. `make test` runs with
# `--dist loadfile --no-loadscope-reorder`, which hands files to workers in collection order, so these go
# first and the many short files fill the other workers meanwhile (xdist's default order, most tests first,
# left them for the end, where a single worker finished alone for several minutes).
SLOW_FIRST = ("tests/drills/", "tests/bench/", "tests/e2e/", "tests/tooling/test_launcher.py", "tests/fuzz/",
              "tests/deploy/test_nats_cluster.py")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Moves the slow files to the front, keeping every other order as collected."""
    items.sort(key=lambda item: 0 if item.nodeid.startswith(SLOW_FIRST) else 1)
