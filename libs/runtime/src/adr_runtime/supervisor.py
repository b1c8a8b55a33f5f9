"""The platform's services as child processes: migrate, start, wait until ready, stop.

Used by ``adr-run`` (``make run``) and by the cross-service end-to-end test, so that both run the
services exactly as they are deployed: each service's own console script (``adr-<service>``, found
next to ``sys.executable``) with ``migrate``, ``api --port N`` and ``worker``, configured only
through its ``<PREFIX>_*`` environment variables.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

# the five services and their default HTTP ports (DESIGN.md §7)
DEFAULT_PORTS: dict[str, int] = {
    "intake": 8001,
    "mediation": 8002,
    "court-bridge": 8003,
    "procuratorate-bridge": 8004,
    "reporting": 8005,
}

_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class StopFlag:
    """A stop request that a signal handler may set.

    Not a ``threading.Event``: its ``set()`` takes a lock that the interrupted main thread may be
    holding inside ``wait()``, and the handler then deadlocks the process.
    """

    def __init__(self) -> None:
        self._requested = False

    def set(self) -> None:
        """Requests the stop (safe inside a signal handler)."""
        self._requested = True

    def is_set(self) -> bool:
        """True once requested."""
        return self._requested

    def wait(self, timeout: float) -> bool:
        """Sleeps until requested or ``timeout`` passed; True when requested."""
        deadline = time.monotonic() + timeout
        while not self._requested and time.monotonic() < deadline:
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
        return self._requested


class PlatformError(RuntimeError):
    """A service could not be migrated, started or made ready."""


class Interrupted(PlatformError):
    """A stop was requested (Ctrl-C or SIGTERM) while the platform was coming up."""


def env_prefix(service: str) -> str:
    """The prefix of a service's settings: ``court-bridge`` → ``COURT_BRIDGE_``."""
    return service.upper().replace("-", "_") + "_"


def console_script(service: str) -> Path:
    """The service's entry point installed in the running environment (``.venv/bin/adr-<service>``)."""
    return Path(sys.executable).parent / f"adr-{service}"


def http_status(url: str, timeout: float = 2.0) -> int | None:
    """The HTTP status a GET of ``url`` answers, or None when nothing answers."""
    try:
        with _NO_PROXY.open(url, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


@dataclass(frozen=True)
class ServicePlan:
    """How one service is to run: its port, its database, its NATS server, further settings."""

    name: str
    port: int
    database_url: str
    nats_url: str
    extra_env: Mapping[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        """Where its API answers."""
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        """This process's environment plus the service's own settings (they win over inherited ones)."""
        prefix = env_prefix(self.name)
        own = {
            "DATABASE_URL": self.database_url,
            "NATS_URL": self.nats_url,
            "HTTP_HOST": "127.0.0.1",
            "HTTP_PORT": str(self.port),
            "LOG_JSON": "false",
        }
        return {**os.environ, **{prefix + key: value for key, value in own.items()}, **self.extra_env}


@dataclass
class Child:
    """One running command of a service."""

    service: str
    role: str
    process: "subprocess.Popen[bytes]"
    log_path: Path | None

    @property
    def label(self) -> str:
        """``intake api``, ``mediation worker``…"""
        return f"{self.service} {self.role}"

    def tail(self, lines: int = 30) -> str:
        """The last lines of its output (when it goes to a file)."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        text = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        return "\n".join(f"  | {line}" for line in text)


class Platform:
    """The chosen services' processes, started in their own sessions so that a terminal's Ctrl-C
    reaches only the supervisor, which then stops them in order.

    Args:
        plans: one per service.
        log_dir: where each process writes ``<service>-<role>.log``; None to share this terminal.
    """

    def __init__(self, plans: Sequence[ServicePlan], *, log_dir: Path | None = None) -> None:
        self.plans = list(plans)
        self.log_dir = log_dir
        self.children: list[Child] = []

    def missing_scripts(self) -> list[str]:
        """Services whose console script is not installed."""
        return [plan.name for plan in self.plans if not console_script(plan.name).exists()]

    def _spawn(self, plan: ServicePlan, role: str, *args: str, env: Mapping[str, str] | None = None) -> Child:
        log_path: Path | None = None
        output: IO[bytes] | None = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            log_path = self.log_dir / f"{plan.name}-{role}.log"
            output = open(log_path, "ab")  # noqa: SIM115 (handed to the child, closed below)
        command = [str(console_script(plan.name)), role, *args]
        try:
            process = subprocess.Popen(
                command,
                env={**plan.environment(), **(env or {})},
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT if output else None,
                start_new_session=True,
            )
        finally:
            if output is not None:
                output.close()
        child = Child(plan.name, role, process, log_path)
        self.children.append(child)
        return child

    def migrate(self, timeout: float = 120.0, stop: StopFlag | None = None) -> None:
        """Brings every service's database to its latest migration (all at once, each its own database)."""
        self._run_to_end("migrate", timeout, stop)

    def seed_demo(self, password: str, timeout: float = 120.0, stop: StopFlag | None = None) -> None:
        """Creates the demo accounts (one per role, a second liaison) in every service's database."""
        self._run_to_end("seed-demo", timeout, stop, env={"ADR_DEMO_PASSWORD": password})

    def _run_to_end(
        self, command: str, timeout: float, stop: StopFlag | None, env: Mapping[str, str] | None = None
    ) -> None:
        if missing := self.missing_scripts():
            raise PlatformError(f"console scripts not installed: {', '.join('adr-' + m for m in missing)}")
        running = [self._spawn(plan, command, env=env) for plan in self.plans]
        deadline = time.monotonic() + timeout
        while any(child.process.poll() is None for child in running):
            if stop is not None and stop.is_set():
                raise Interrupted(f"stopped during {command}")
            if time.monotonic() > deadline:
                raise PlatformError(f"{command} did not finish within {timeout:.0f} s")
            time.sleep(0.1)
        failed = [child for child in running if child.process.returncode != 0]
        if failed:
            raise PlatformError("; ".join(f"{c.label} failed (exit {c.process.returncode})" for c in failed))

    def start(self) -> None:
        """Starts an ``api`` and a ``worker`` process per service."""
        for plan in self.plans:
            self._spawn(plan, "api", "--port", str(plan.port))
            self._spawn(plan, "worker")

    def dead(self) -> list[Child]:
        """Started ``api``/``worker`` processes that have exited."""
        return [c for c in self.children if c.role in ("api", "worker") and c.process.poll() is not None]

    def wait_ready(self, timeout: float = 60.0, stop: StopFlag | None = None) -> None:
        """Waits until every service's ``/readyz`` answers 200.

        Raises:
            PlatformError: a process died, or a service was not ready in time (naming its last answer).
            Interrupted: ``stop`` was set meanwhile.
        """
        pending = {plan.name: plan for plan in self.plans}
        answers: dict[str, int | None] = {}
        deadline = time.monotonic() + timeout
        while pending:
            if dead := self.dead():
                raise PlatformError(describe_dead(dead))
            if stop is not None and stop.is_set():
                raise Interrupted("stopped while starting")
            for name, plan in list(pending.items()):
                answers[name] = http_status(plan.base_url + "/readyz")
                if answers[name] == 200:
                    del pending[name]
            if pending and time.monotonic() > deadline:
                last = ", ".join(f"{name}: {answers.get(name)}" for name in pending)
                raise PlatformError(f"not ready within {timeout:.0f} s (last /readyz status: {last})")
            if pending:
                time.sleep(0.3)

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM to every running child, then SIGKILL to those still running after ``timeout``."""
        running = [c for c in self.children if c.process.poll() is None]
        for child in running:
            with contextlib.suppress(ProcessLookupError):
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in running:
            try:
                child.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait(5)

    def kill(self, service: str, role: str) -> int:
        """SIGKILLs a running ``api`` or ``worker`` of a service, as a crash would (fault drills).

        The killed child leaves ``children`` (so ``dead()`` does not report it); ``respawn`` starts
        it again. Returns the killed process id.
        """
        child = next(c for c in self.children if c.service == service and c.role == role and c.process.poll() is None)
        child.process.kill()
        child.process.wait(10)
        self.children.remove(child)
        return child.process.pid

    def respawn(self, service: str, role: str) -> None:
        """Starts a service's ``api`` or ``worker`` again (after ``kill``), with the same plan."""
        plan = next(p for p in self.plans if p.name == service)
        self._spawn(plan, role, *(("--port", str(plan.port)) if role == "api" else ()))

    def tails(self, lines: int = 30) -> str:
        """Every child's last output lines, for a failure message."""
        blocks = (f"--- {c.label} (exit {c.process.poll()}) {c.log_path}\n{c.tail(lines)}" for c in self.children)
        return "\n".join(blocks)

    def __enter__(self) -> "Platform":
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def describe_dead(dead: Sequence[Child]) -> str:
    """``intake worker exited with 1; …``"""
    return "; ".join(f"{child.label} exited with {child.process.returncode}" for child in dead)
