"""Bounded polling for effects that arrive through the real nats-server (shared helper)."""

from adr_runtime.testing.waiting import eventually

__all__ = ["eventually"]
