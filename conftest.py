"""Workspace-wide pytest set-up: the real-infrastructure fixtures (NATS, PostgreSQL)."""

pytest_plugins = ["adr_runtime.testing.fixtures"]
