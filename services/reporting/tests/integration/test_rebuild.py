"""Rebuilding by replaying the streams gives what live processing gave, and replaying twice changes nothing (M11)."""

from typing import Any

import nats
import pytest
from sqlalchemy import Table, func, select

from adr_reporting import rebuild as rebuild_module
from adr_reporting.domain.rates import Scope, compute
from adr_reporting.domain.warnings import WarningRules
from adr_reporting.rebuild import PROJECTION_TABLES, read_streams, rebuild
from adr_reporting.spec import SPEC
from adr_reporting.store import journal
from adr_reporting.store.tables import early_warnings, report_facts
from adr_runtime.context import ServiceContext

from ..builders import a_history, agency_changed, eventually, publish, reference_envelope, subsidy_batch
from ..scenario import EXPECTED, at, ev, history

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("M11", "J1")]


def _plain(value: Any) -> Any:
    return sorted(map(str, value)) if isinstance(value, list) else value


async def snapshot(ctx: ServiceContext) -> dict[str, Any]:
    """Every projection's rows (positions included) and every indicator."""
    tables: dict[str, Any] = {}
    async with ctx.sessions() as session:
        for table in PROJECTION_TABLES:
            columns = [c for c in table.columns if c.name != "updated_at"]  # when, not what
            rows = (await session.execute(select(*columns))).all()
            tables[table.name] = sorted(tuple(_plain(v) for v in row) for row in rows)
        entries = await journal.load(session)
    tables["indicators"] = compute(entries, Scope())
    return tables


async def count(ctx: ServiceContext, table: Table) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def replay(ctx: ServiceContext, js: nats.js.JetStreamContext) -> None:
    seen: list[tuple[str, int, int]] = []
    async with ctx.sessions() as session, session.begin():
        report = await rebuild(session, js, WarningRules(), progress=lambda s, d, t: seen.append((s, d, t)))
    assert report.applied > 0 and seen[-1][1] == seen[-1][2]


async def test_rebuild_equals_live_processing_and_replaying_twice_changes_nothing(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    envelopes = [
        *history(),
        *a_history(),
        reference_envelope(agency_changed(), at=at(history()[0].occurred_at.date())),
        ev(subsidy_batch(30000, 20000), None, history()[0].occurred_at.date()),
    ]
    for envelope in envelopes:
        await publish(jetstream, envelope)
    await eventually(lambda: _has(running, len(envelopes)), what="live processing of every event")
    live = await snapshot(running)
    warnings_live = await count(running, early_warnings)

    await replay(running, jetstream)
    rebuilt = await snapshot(running)
    await replay(running, jetstream)
    twice = await snapshot(running)

    assert rebuilt == live
    assert twice == live
    assert await count(running, early_warnings) == warnings_live
    indicators = {i.code: i for i in live["indicators"]}
    assert indicators["head_appearance_rate"].value == EXPECTED["head_appearance_rate"][2]
    assert len(live["subsidy_lines"]) == 2


async def test_a_replay_in_many_small_fetches_equals_live_and_leaves_no_consumer_behind(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    envelopes = history()
    for envelope in envelopes:
        await publish(jetstream, envelope)
    await eventually(lambda: _has(running, len(envelopes)), what="live processing")
    live = await snapshot(running)
    consumers = {stream: (await jetstream.stream_info(stream)).state.consumer_count for stream in read_streams()}
    monkeypatch.setattr(rebuild_module, "FETCH", 3)  # many fetches, each decoded while the next is under way

    async with running.sessions() as session, session.begin():
        report = await rebuild(session, jetstream, WarningRules(), batch_size=2)

    assert report.applied == len(envelopes)
    assert await snapshot(running) == live
    after = {stream: (await jetstream.stream_info(stream)).state.consumer_count for stream in read_streams()}
    assert after == consumers  # the rebuild's own consumers are deleted


async def _has(ctx: ServiceContext, n: int) -> bool:
    return await count(ctx, report_facts) == n


async def test_the_rebuild_command_shows_its_progress_and_summary(
    running: ServiceContext, jetstream: nats.js.JetStreamContext, capsys: pytest.CaptureFixture[str]
) -> None:
    envelopes = a_history()
    for envelope in envelopes:
        await publish(jetstream, envelope)
    await eventually(lambda: _has(running, len(envelopes)), what="live processing")

    await SPEC.commands["rebuild"](running, [])

    output = capsys.readouterr().out
    assert "ADR_INTAKE" in output and f"应用 {len(envelopes)} 条" in output
    assert await count(running, report_facts) == len(envelopes)
