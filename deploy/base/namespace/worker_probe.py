"""Exec probe of a worker container (the worker process serves no HTTP).

    python /etc/adr-probe/worker_probe.py live  <ENV_PREFIX>   # the worker is PID 1 and not a zombie
    python /etc/adr-probe/worker_probe.py ready <ENV_PREFIX>   # NATS and the database accept TCP connections

Liveness never looks at NATS or the database: an outage must not restart every pod.
"""

import socket
import sys
from os import environ
from urllib.parse import urlsplit


def alive() -> bool:
    with open("/proc/1/stat", encoding="ascii") as stat:
        state = stat.read().rsplit(")", 1)[1].split()[0]
    with open("/proc/1/cmdline", "rb") as cmdline:
        args = cmdline.read().split(b"\0")
    return state not in ("Z", "X") and b"worker" in args


def answers(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "", parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def ready(prefix: str) -> bool:
    nats_urls = environ.get(prefix + "NATS_URL", "").split(",")
    return any(answers(u.strip(), 4222) for u in nats_urls) and answers(environ[prefix + "DATABASE_URL"], 5432)


if __name__ == "__main__":
    kind, prefix = sys.argv[1], sys.argv[2]
    sys.exit(0 if (alive() if kind == "live" else ready(prefix)) else 1)
