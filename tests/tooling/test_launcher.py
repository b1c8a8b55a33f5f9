"""``adr-run`` (``make run``): how it finds NATS, how it configures the services, and the real thing
with intake alone: ready, stopped by Ctrl-C with everything it started, stopped when a child dies."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from adr_runtime import launcher
from adr_runtime.localnats import port_answers
from adr_runtime.supervisor import PlatformError, ServicePlan, http_status
from adr_runtime.testing import infra

CLOSED = "nats://127.0.0.1:1"


@pytest.fixture
def silent_listener() -> Iterator[str]:
    """A TCP port that accepts connections but is no NATS server (it never greets)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield f"nats://127.0.0.1:{sock.getsockname()[1]}"


@pytest.mark.nats
def test_a_nats_server_is_recognised_by_its_greeting(nats_url: str, silent_listener: str) -> None:
    assert launcher.nats_answers(nats_url)
    assert not launcher.nats_answers(silent_listener)
    assert not launcher.nats_answers(CLOSED)


def test_a_requested_nats_url_that_does_not_answer_ends_the_launch(tmp_path: Path) -> None:
    with pytest.raises(PlatformError, match="does not answer"):
        launcher.choose_nats(CLOSED, tmp_path, may_start=True, own=False)


@pytest.mark.nats
def test_nats_url_from_the_environment_is_used_when_it_answers(
    nats_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NATS_URL", nats_url)
    monkeypatch.setattr(launcher, "DEFAULT_NATS", CLOSED)

    choice = launcher.choose_nats(None, tmp_path, may_start=False, own=False)

    assert (choice.url, choice.how, choice.server) == (nats_url, "NATS_URL", None)


def test_no_nats_refuses_to_start_a_server_when_none_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NATS_URL", CLOSED)
    monkeypatch.setattr(launcher, "DEFAULT_NATS", CLOSED)

    with pytest.raises(PlatformError, match="--no-nats"):
        launcher.choose_nats(None, tmp_path, may_start=False, own=False)


@pytest.mark.nats
def test_a_nats_server_is_started_under_var_when_none_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not infra.nats_binary_available():
        infra.require_or_skip("no nats-server binary")
    monkeypatch.delenv("NATS_URL", raising=False)
    monkeypatch.setattr(launcher, "DEFAULT_NATS", CLOSED)

    choice = launcher.choose_nats(None, tmp_path, may_start=True, own=False)

    try:
        assert choice.server is not None
        assert choice.server.store_dir == tmp_path / "nats"
        assert launcher.nats_answers(choice.url)
    finally:
        if choice.server is not None:
            choice.server.stop()
    assert not launcher.nats_answers(choice.url)


def test_each_service_gets_its_own_sqlite_file_port_and_prefixed_settings(tmp_path: Path) -> None:
    plans = launcher.plans_for(["intake", "court-bridge"], tmp_path, "nats://127.0.0.1:4222")

    env = plans[1].environment()

    assert [p.port for p in plans] == [8001, 8003]
    assert env["COURT_BRIDGE_DATABASE_URL"] == f"sqlite+aiosqlite:///{tmp_path}/court_bridge.db"
    assert env["COURT_BRIDGE_NATS_URL"] == "nats://127.0.0.1:4222"
    assert env["COURT_BRIDGE_LOG_JSON"] == "false"
    assert env["COURT_BRIDGE_HTTP_PORT"] == "8003"


def test_an_unknown_service_is_refused_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        launcher.parse_args(["--only", "intake,courts"])

    assert exit_info.value.code == 2
    assert "courts" in capsys.readouterr().err


def test_the_table_lists_each_service_with_its_docs(tmp_path: Path) -> None:
    table = launcher.services_table(launcher.plans_for(["intake", "reporting"], tmp_path, CLOSED))

    assert "http://127.0.0.1:8001/docs" in table
    assert "司法局·统计通报 reporting" in table


# --- the real launcher, with intake alone ---------------------------------------------------------


def _adr_run(tmp_path: Path) -> tuple["subprocess.Popen[bytes]", Path]:
    if port_answers("127.0.0.1", 8001):
        pytest.skip("port 8001 is taken (is `make run` running?)")
    if not infra.nats_binary_available():
        infra.require_or_skip("no nats-server binary")
    output = tmp_path / "adr-run.log"
    script = Path(sys.executable).parent / "adr-run"
    with output.open("wb") as log:
        process = subprocess.Popen(
            [str(script), "--only", "intake", "--own-nats", "--var", str(tmp_path / "var")],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    return process, output


def _wait_for_line(process: "subprocess.Popen[bytes]", output: Path, text: str, timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in output.read_text(encoding="utf-8", errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            _kill_tree(process)
            pytest.fail(f"adr-run never printed {text!r}:\n{output.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)


def _kill_tree(process: "subprocess.Popen[bytes]") -> None:
    """Kills adr-run and everything it started, so a failed test leaves no service holding port 8001."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
    process.kill()


def _stopped(process: "subprocess.Popen[bytes]", output: Path, timeout: float = 40.0) -> int:
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(process)
        pytest.fail(f"adr-run did not stop:\n{output.read_text(errors='replace')[-3000:]}")


def _gone(processes: list[psutil.Process]) -> bool:
    return all(not p.is_running() or p.status() == psutil.STATUS_ZOMBIE for p in processes)


@pytest.mark.nats
@pytest.mark.integration
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
@pytest.mark.timeout(480)  # the whole platform comes up: slow while other test workers share the cores
def test_adr_run_brings_intake_up_and_a_stop_signal_stops_all_it_started(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    process, output = _adr_run(tmp_path)
    _wait_for_line(process, output, "platform ready")
    children = psutil.Process(process.pid).children(recursive=True)
    plan = ServicePlan(name="intake", port=8001, database_url="", nats_url="")

    assert http_status(plan.base_url + "/readyz") == 200
    assert http_status(plan.base_url + "/docs") == 200
    assert len(children) == 3, "nats-server, intake api, intake worker"
    assert (tmp_path / "var" / "intake.db").exists()

    process.send_signal(stop_signal)

    assert _stopped(process, output) == 0
    assert _gone(children), [p.cmdline() for p in children if p.is_running()]
    assert http_status(plan.base_url + "/healthz") is None


@pytest.mark.nats
@pytest.mark.integration
@pytest.mark.timeout(480)  # the whole platform comes up: slow while other test workers share the cores
def test_adr_run_stops_everything_when_a_service_process_dies(tmp_path: Path) -> None:
    process, output = _adr_run(tmp_path)
    _wait_for_line(process, output, "platform ready")
    children = psutil.Process(process.pid).children(recursive=True)
    worker = next(p for p in children if p.cmdline()[-1:] == ["worker"])

    worker.kill()

    assert _stopped(process, output) == 1
    assert "intake worker exited" in output.read_text(encoding="utf-8")
    assert _gone(children)


def test_the_demo_password_is_generated_once_kept_private_and_reused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()

    first = launcher.demo_password(tmp_path)
    again = launcher.demo_password(tmp_path)
    other = launcher.demo_password(tmp_path / "elsewhere")

    assert first == again and len(first) >= 12 and other != first
    assert (tmp_path / "demo-password.txt").stat().st_mode & 0o077 == 0
    note = launcher.demo_accounts_note(first, tmp_path)
    assert first in note and "demo.agency_liaison2 (WJG-ZJJ)" in note
