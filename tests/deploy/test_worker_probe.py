"""The workers' exec readiness probe (deploy/base/namespace/worker_probe.py): ready only while NATS and
the database accept connections (issue #9, O2)."""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from adr_runtime.localnats import free_port

PROBE = Path(__file__).resolve().parents[2] / "deploy" / "base" / "namespace" / "worker_probe.py"

pytestmark = pytest.mark.clause("O2")


@pytest.fixture
def listening() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def ready(nats_port: int, db_port: int) -> int:
    env = {
        **os.environ,
        "MEDIATION_NATS_URL": f"nats://127.0.0.1:{nats_port}",
        "MEDIATION_DATABASE_URL": f"postgresql+asyncpg://mediation:secret@127.0.0.1:{db_port}/mediation",
    }
    return subprocess.run([sys.executable, str(PROBE), "ready", "MEDIATION_"], env=env, timeout=30).returncode


def test_ready_when_nats_and_the_database_answer(listening: int) -> None:
    assert ready(listening, listening) == 0


def test_not_ready_when_nats_is_down(listening: int) -> None:
    assert ready(free_port(), listening) == 1


def test_not_ready_when_the_database_is_down(listening: int) -> None:
    assert ready(listening, free_port()) == 1
