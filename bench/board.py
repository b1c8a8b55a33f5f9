"""(f) The centre's board query (``GET /api/v1/disputes``, newest first, 50 a page) over many disputes.

``seed`` disputes are registered through the API (so every column is what intake writes); the
table is then filled to ``disputes`` rows by copying them in SQL with new ids, registration numbers
and registration times (``INSERT ... SELECT ... generate_series``), and analysed. The query is then
timed through the app (ASGI, in process) as the centre's administrator sees it.
"""

import time
from typing import Any

from sqlalchemy import text

from adr_intake.spec import SPEC
from adr_runtime.testing.service import api_client, migrated_context
from bench.infra import latency_summary, scratch_database_async
from bench.loadgen import registration

REPLACED = {
    "id": "gen_random_uuid()",
    "registration_no": "d.registration_no || '-' || g",
    "registered_at": "d.registered_at - make_interval(secs => g)",
}


async def run(*, disputes: int, queries: int, seed: int = 20) -> dict[str, Any]:
    async with scratch_database_async("board_intake") as database_url:
        ctx = await migrated_context(SPEC, database_url=database_url)
        try:
            async with api_client(ctx) as http:
                fill_seconds, rows = await _registered_and_copied(ctx, http, disputes=disputes, seed=seed)
                latencies, cpu_ms, page = await _board_queries(http, queries)
                # over a large table the unfiltered board's total is PostgreSQL's estimate (flagged)
                total, estimated = page["total"], page.get("total_is_estimate", False)
                assert total == rows or (estimated and abs(total - rows) <= 0.1 * rows), (total, rows)
                cursor_latencies = await _walk_by_cursor(http, pages=min(queries, 50))
                plan = await _explain(ctx.engine)
        finally:
            await ctx.engine.dispose()
    return {
        "disputes": rows,
        "queries": queries,
        "fill_seconds": round(fill_seconds, 1),
        "total": total,
        "total_is_estimate": estimated,
        "latency": latency_summary(latencies),
        "process_cpu_ms_per_query": round(cpu_ms, 2),
        "cursor_pages_latency": latency_summary(cursor_latencies),
        "plan": plan,
    }


async def _registered_and_copied(ctx: Any, http: Any, *, disputes: int, seed: int) -> tuple[float, int]:
    """``seed`` disputes registered through the API, copied in SQL to about ``disputes``: fill seconds, rows."""
    for n in range(seed):
        response = await http.post("/api/v1/disputes", json=registration(n))
        response.raise_for_status()
    fill_started = time.perf_counter()
    await _fill(ctx.engine, copies=max(0, -(-(disputes - seed) // seed)))
    fill_seconds = time.perf_counter() - fill_started
    async with ctx.engine.connect() as connection:
        rows = int((await connection.execute(text("SELECT count(*) FROM disputes"))).scalar_one())
    return fill_seconds, rows


async def _board_queries(http: Any, queries: int) -> tuple[list[float], float, dict[str, Any]]:
    """The board's first pages by offset, after a warm-up: latencies, CPU ms per query, the last page."""
    for _ in range(3):  # warm-up
        (await http.get("/api/v1/disputes")).raise_for_status()
    latencies = []
    cpu_started = time.process_time()
    for n in range(queries):
        params = {"offset": str(50 * (n % 5))}
        started = time.perf_counter()
        response = await http.get("/api/v1/disputes", params=params)
        latencies.append(time.perf_counter() - started)
        response.raise_for_status()
    cpu_ms = 1000 * (time.process_time() - cpu_started) / queries  # app and client share the process
    return latencies, cpu_ms, response.json()


async def _walk_by_cursor(http: Any, *, pages: int) -> list[float]:
    """Pages followed by ``next_cursor`` from the newest (keyset paging: each page costs the same)."""
    latencies: list[float] = []
    params: dict[str, str] = {}
    for _ in range(pages):
        started = time.perf_counter()
        response = await http.get("/api/v1/disputes", params=params)
        latencies.append(time.perf_counter() - started)
        response.raise_for_status()
        following = response.json()["next_cursor"]
        if following is None:  # the last page
            break
        params = {"cursor": following}
    return latencies


async def _fill(engine: Any, *, copies: int) -> None:
    if copies <= 0:
        return
    async with engine.begin() as connection:
        columns = [
            row[0]
            for row in await connection.execute(
                text(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'disputes' "
                    "ORDER BY ordinal_position"
                )
            )
        ]
        chosen = ", ".join(REPLACED.get(c, f"d.{c}") for c in columns)
        step = 50
        for first in range(1, copies + 1, step):
            last = min(copies, first + step - 1)
            await connection.execute(
                text(
                    f"INSERT INTO disputes ({', '.join(columns)}) SELECT {chosen} "  # noqa: S608 (column names)
                    f"FROM disputes d CROSS JOIN generate_series({first}, {last}) g "
                    "WHERE d.registration_no NOT LIKE '%-%-%-%'"
                )
            )
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("VACUUM ANALYZE disputes"))


async def _explain(engine: Any) -> list[str]:
    """The plans of the board's statements, for the README: the estimate the unfiltered board uses, the
    exact count a filtered one needs (here without a filter, to show its cost), the first page."""
    statements = [
        "SELECT reltuples::bigint FROM pg_class WHERE oid = CAST('disputes' AS regclass)",
        "SELECT count(*) FROM (SELECT disputes.id FROM disputes) AS anon",
        "SELECT disputes.*, filing_reviews.filing_deadline FROM disputes LEFT OUTER JOIN filing_reviews "
        "ON filing_reviews.case_id = disputes.id ORDER BY disputes.registered_at DESC, disputes.id DESC LIMIT 50",
    ]
    lines: list[str] = []
    async with engine.connect() as connection:
        for statement in statements:
            result = await connection.execute(text("EXPLAIN (ANALYZE, BUFFERS OFF) " + statement))
            lines += [row[0] for row in result]
    return lines
