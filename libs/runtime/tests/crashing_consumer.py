"""A consumer process that dies right after its effect is committed, before it can ack.

Run by ``test_proof_consumer_crash.py`` as ``python crashing_consumer.py <database_url> <nats_url>``.
It starts the test service's real worker (ConsumerGroup "reporting" on DisputeRegisteredV1);
its handler writes the effect and asks to be told when the transaction has committed, and at
that moment the process kills itself with SIGKILL: the effect and the inbox row are committed,
the ack is never sent. Exits 3 if no event arrived within 20 s.
"""

import asyncio
import os
import signal
import sys
from typing import Any

import support  # this script's own directory is on sys.path when run as a script
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_runtime.worker import start_worker


def _die(_session: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


async def effect_then_die(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Writes the effect; the process dies as soon as the consumer's transaction commits."""
    await support.record_effect(session, envelope)
    event.listen(session.sync_session, "after_commit", _die)


async def main(database_url: str, nats_url: str) -> int:
    ctx = support.reporting_context(database_url, nats_url, effect_then_die)
    worker = await start_worker(ctx, asyncio.Event())
    if worker is None:
        return 2
    await asyncio.sleep(20)
    await worker.close()
    return 3


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
