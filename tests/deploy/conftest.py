"""Markers of the deployment tests."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "cluster: a three-node NATS JetStream cluster on this machine (make drill-cluster runs it long)"
    )
