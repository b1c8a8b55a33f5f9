"""``adr-run`` (``make run``): the whole platform on one machine with the embedded defaults (DESIGN.md §7).

1. NATS: ``--nats-url`` (must answer); else ``NATS_URL`` if it answers; else nats://127.0.0.1:4222 if
   it answers; else a nats-server started here with JetStream under ``<var>/nats`` (port 4222 when
   free, else a free one). ``--no-nats`` forbids starting one; ``--own-nats`` always starts one.
2. Streams and durable consumers are provisioned once; every service's database is migrated
   (SQLite files ``<var>/<service>.db``).
3. Demo accounts are created in every service (``demo.<role>``, one per role; the liaison
   ``demo.agency_liaison`` of WJG-SCJ and ``demo.agency_liaison2`` of WJG-ZJJ) with a password
   generated once and kept in ``<var>/demo-password.txt``; it is printed at every start.
4. An ``api`` (ports 8001–8005) and a ``worker`` process per service run until Ctrl-C or SIGTERM,
   which stops them all (and the nats-server started here); if one of them dies, all are stopped.
"""

import argparse
import asyncio
import os
import secrets
import signal
import socket
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from adr_runtime.localnats import LocalNatsServer, port_answers
from adr_runtime.provisioning import ProvisioningPolicy, provision_at
from adr_runtime.supervisor import (
    DEFAULT_PORTS,
    Interrupted,
    Platform,
    PlatformError,
    ServicePlan,
    StopFlag,
    describe_dead,
)

DEFAULT_NATS = "nats://127.0.0.1:4222"

TITLES: dict[str, str] = {
    "intake": "化解中心·登记分流",
    "mediation": "调解",
    "court-bridge": "法院对接",
    "procuratorate-bridge": "检察院对接",
    "reporting": "司法局·统计通报",
}


def say(text: str = "") -> None:
    """One line for the person at the terminal."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def nats_answers(url: str, timeout: float = 1.0) -> bool:
    """True when a NATS server greets at ``url`` (its first line is ``INFO {...}``)."""
    first = urlsplit(url.split(",")[0].strip())
    try:
        with socket.create_connection((first.hostname or "127.0.0.1", first.port or 4222), timeout=timeout) as sock:
            sock.settimeout(timeout)
            return sock.recv(5) == b"INFO "
    except OSError:
        return False


@dataclass
class NatsChoice:
    """The NATS server the platform uses, and the one this launcher started (to stop it)."""

    url: str
    how: str
    server: LocalNatsServer | None = None


def choose_nats(requested: str | None, var_dir: Path, *, may_start: bool, own: bool) -> NatsChoice:
    """Picks the NATS server as the module docstring says.

    Raises:
        PlatformError: the requested server does not answer, or none answers and none may be started.
    """
    if requested:
        if not nats_answers(requested):
            raise PlatformError(f"NATS at {requested} does not answer")
        return NatsChoice(requested, "--nats-url")
    if not own:
        for url, how in ((os.environ.get("NATS_URL", ""), "NATS_URL"), (DEFAULT_NATS, "already running")):
            if url and nats_answers(url):
                return NatsChoice(url, how)
    if not may_start:
        raise PlatformError(f"no NATS server answers (NATS_URL, {DEFAULT_NATS}) and --no-nats forbids starting one")
    server = LocalNatsServer(var_dir / "nats", port=None if port_answers("127.0.0.1", 4222) else 4222)
    server.start()
    return NatsChoice(server.url, f"started here, store {server.store_dir}", server)


def plans_for(services: list[str], var_dir: Path, nats_url: str) -> list[ServicePlan]:
    """Each service on its default port with its SQLite file under ``var_dir``."""
    return [
        ServicePlan(
            name=name,
            port=DEFAULT_PORTS[name],
            database_url=f"sqlite+aiosqlite:///{var_dir / (name.replace('-', '_') + '.db')}",
            nats_url=nats_url,
        )
        for name in services
    ]


def _cell(text: str, width: int) -> str:
    """Pads to a display width, counting CJK characters as two columns."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def services_table(plans: list[ServicePlan]) -> str:
    """The services with their addresses, in Chinese and English."""
    header = _cell("服务 service", 42) + _cell("地址 URL", 26) + "接口文档 API docs"
    rows = [
        _cell(f"{TITLES.get(p.name, p.name)} {p.name}", 42) + _cell(p.base_url, 26) + p.base_url + "/docs"
        for p in plans
    ]
    return "\n".join([header, "-" * 94, *rows])


DEMO_PASSWORD_FILE = "demo-password.txt"


def demo_password(var_dir: Path) -> str:
    """The demo accounts' password: read from ``<var>/demo-password.txt``, generated there the first time."""
    path = var_dir / DEMO_PASSWORD_FILE
    if path.exists() and len(text := path.read_text(encoding="utf-8").strip()) >= 8:
        return text
    password = secrets.token_urlsafe(12)
    path.touch(mode=0o600)
    path.write_text(password + "\n", encoding="utf-8")
    return password


def demo_accounts_note(password: str, var_dir: Path) -> str:
    """What the person at the terminal needs to sign in."""
    return (
        "演示账户 demo accounts: demo.centre_staff, demo.mediator, demo.court_clerk, demo.procurator, "
        "demo.justice_analyst, demo.agency_liaison (WJG-SCJ), demo.agency_liaison2 (WJG-ZJJ), demo.admin\n"
        f"演示密码 demo password: {password}  (kept in {var_dir / DEMO_PASSWORD_FILE})"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line (see ``adr-run --help``)."""
    parser = argparse.ArgumentParser(prog="adr-run", description="Runs the whole ADR platform on this machine")
    parser.add_argument("--var", default="var", help="directory of the SQLite files and the local NATS store")
    parser.add_argument("--nats-url", default=None, help="use this NATS server (it must answer)")
    parser.add_argument("--no-nats", action="store_true", help="never start a nats-server; fail if none answers")
    parser.add_argument("--own-nats", action="store_true", help="start a nats-server here even if one answers")
    parser.add_argument("--only", default="", help="comma-separated services to run, e.g. intake,mediation")
    parser.add_argument("--ready-timeout", type=float, default=90.0, help="seconds to wait for every /readyz")
    args = parser.parse_args(argv)
    if args.no_nats and args.own_nats:
        parser.error("--no-nats and --own-nats exclude each other")
    chosen = [s.strip() for s in args.only.split(",") if s.strip()] or list(DEFAULT_PORTS)
    if unknown := [s for s in chosen if s not in DEFAULT_PORTS]:
        parser.error(f"unknown service(s): {', '.join(unknown)}; known: {', '.join(DEFAULT_PORTS)}")
    args.services = chosen
    return args


def stop_on_signals() -> StopFlag:
    """A flag set by SIGINT (Ctrl-C) or SIGTERM."""
    stop = StopFlag()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def bring_up(platform: Platform, nats_url: str, stop: StopFlag, ready_timeout: float, password: str) -> None:
    """Provisions, migrates, seeds the demo accounts, starts and waits for readiness."""
    say("提供流与消费者 provisioning streams and consumers …")
    try:
        asyncio.run(provision_at(nats_url, ProvisioningPolicy()))
    except Exception as exc:  # any broker failure ends the launch with its name, not a traceback
        raise PlatformError(f"provisioning at {nats_url} failed: {type(exc).__name__}: {exc}") from exc
    say("迁移数据库 migrating databases …")
    platform.migrate(stop=stop)
    say("创建演示账户 seeding demo accounts …")
    platform.seed_demo(password, stop=stop)
    say("启动服务 starting services …")
    platform.start()
    platform.wait_ready(ready_timeout, stop)


def supervise(platform: Platform, stop: StopFlag) -> int:
    """Waits for a stop request (exit 0) or a dead child (exit 1)."""
    while not stop.wait(0.5):
        if dead := platform.dead():
            say(f"进程退出 a process exited: {describe_dead(dead)}; stopping all")
            return 1
    say("收到停止信号 stopping …")
    return 0


def run(args: argparse.Namespace) -> int:
    """Runs the platform until stopped; the exit code."""
    stop = stop_on_signals()
    var_dir = Path(args.var).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    try:
        nats = choose_nats(args.nats_url, var_dir, may_start=not args.no_nats, own=args.own_nats)
    except (RuntimeError, OSError) as exc:  # PlatformError, or a nats-server that would not start
        say(f"错误 error: {exc}")
        return 1
    say(f"NATS: {nats.url} ({nats.how})")
    platform = Platform(plans_for(args.services, var_dir, nats.url))
    password = demo_password(var_dir)
    try:
        bring_up(platform, nats.url, stop, args.ready_timeout, password)
        say("\n平台已就绪 platform ready (Ctrl-C 停止 to stop)\n" + services_table(platform.plans) + "\n")
        say(demo_accounts_note(password, var_dir) + "\n")
        return supervise(platform, stop)
    except Interrupted:
        return 0
    except PlatformError as exc:
        say(f"错误 error: {exc}")
        return 1
    finally:
        platform.stop()
        if nats.server is not None:
            nats.server.stop()
        say("已停止 stopped")


def main(argv: list[str] | None = None) -> None:
    """``adr-run``."""
    raise SystemExit(run(parse_args(argv)))
