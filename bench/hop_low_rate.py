"""(b) at a low offered rate: hop latency when the consumer keeps up (what waking the relay changes).

Events are committed one at a time, ``rate`` per second, ``count`` of them, on the hop of
``bench/hop.py``; prints the latency summary and which ``adr_runtime`` ran. To compare with older
relay code, put a copy of its ``adr_runtime`` first on PYTHONPATH:

    PYTHONPATH=. uv run python -m bench.hop_low_rate 5 40
    PYTHONPATH=/tmp/old:. uv run python -m bench.hop_low_rate 5 40
"""

import asyncio
import json
import sys

import adr_runtime
from adr_intake.spec import SPEC as INTAKE
from adr_reporting.spec import SPEC as REPORTING
from adr_runtime.testing.service import migrated_context
from bench import hop
from bench.infra import fresh_streams, latency_summary, scratch_database_async, synced_nats


async def main(url: str, rate: float, count: int) -> None:
    """Commits ``count`` events at ``rate``/s and prints the hop latency summary."""
    async with scratch_database_async("low_i") as pdb, scratch_database_async("low_r") as cdb:
        await fresh_streams(url)
        p = await migrated_context(INTAKE, database_url=pdb, nats_url=url)
        c = await migrated_context(REPORTING, database_url=cdb, nats_url=url)
        async with hop.Hop(p, c, url) as h:
            await h.wait_for([await h.commit_one()], timeout=60)
            ids = []
            for _ in range(count):
                ids.append(await h.commit_one())
                await asyncio.sleep(1 / rate)
            await h.wait_for(ids, timeout=120)
            lat = [h.done[i] - h.committed[i] for i in ids]
        await p.engine.dispose()
        await c.engine.dispose()
    sys.stdout.write(json.dumps({"code": adr_runtime.__file__, "rate": rate, "latency": latency_summary(lat)}) + "\n")


if __name__ == "__main__":
    with synced_nats() as server:
        asyncio.run(main(server.url, float(sys.argv[1]), int(sys.argv[2])))
