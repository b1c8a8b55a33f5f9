"""The batched rebuild gives exactly what live processing gave, warnings included (M11, K3).

Registrations cross the repeated-dispute thresholds, fall on the window's first and last days and
cross the threshold again once the window has passed; a registration delivered twice is counted
once. Live processing (the worker, one event per transaction) is compared with a rebuild that
raises the warnings itself (they are deleted first), in batches that split the window's runs, then
with a second rebuild at the default batch size that keeps the warnings and changes nothing.
"""

from datetime import date, timedelta
from typing import Any
from uuid import uuid4

import nats
import pytest
from sqlalchemy import delete, func, select

from adr_contracts import Envelope
from adr_contracts.vocabulary import RiskLevel
from adr_reporting.domain.rates import Scope, compute
from adr_reporting.domain.warnings import WarningRules
from adr_reporting.rebuild import PROJECTION_TABLES, rebuild
from adr_reporting.store import journal
from adr_reporting.store.tables import early_warnings, report_facts
from adr_runtime.context import ServiceContext

from ..builders import a_history, eventually, obligation_overdue, publish, registered, risk_assessed
from ..scenario import ev

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("M11", "K3", "J1")]

DAY0 = date(2026, 1, 5)
SCJ, ZJJ = "WJG-SCJ", "WJG-ZJJ"


def registrations() -> list[Envelope[Any]]:
    """SCJ reaches 5 on day 4, again after the window (day 96); ZJJ reaches 5 on its window's last day."""
    days = [(SCJ, "penalty", d) for d in (0, 1, 2, 3, 4, 89, 93, 94, 95, 96)]
    days += [(ZJJ, "permit", d) for d in (10, 11, 12, 13, 99, 100)]
    days.sort(key=lambda item: item[2])
    return [
        ev(registered(no=f"R{n}", agency=agency, act_type=act), uuid4(), DAY0 + timedelta(days=day))
        for n, (agency, act, day) in enumerate(days)
    ]


async def snapshot(ctx: ServiceContext) -> dict[str, Any]:
    """Every projection's rows (positions included, not when they moved), every indicator, every warning."""
    tables: dict[str, Any] = {}
    async with ctx.sessions() as session:
        for table in PROJECTION_TABLES:
            columns = [c for c in table.columns if c.name != "updated_at"]
            rows = (await session.execute(select(*columns))).all()
            tables[table.name] = sorted((_plain(row) for row in rows), key=repr)
        warned = [c for c in early_warnings.columns if c.name != "warning_id"]
        rows = (await session.execute(select(*warned))).all()
        tables["early_warnings"] = sorted((_plain(row) for row in rows), key=repr)
        tables["indicators"] = compute(await journal.load(session), Scope())
    return tables


def _plain(row: Any) -> tuple[Any, ...]:
    return tuple(sorted(map(str, v)) if isinstance(v, list) else v for v in row)


async def journal_size(ctx: ServiceContext) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(report_facts)) or 0)


async def test_a_rebuild_in_small_batches_raises_what_live_processing_raised(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    others = [
        *a_history(),
        ev(risk_assessed(RiskLevel.HIGH, on=DAY0), uuid4(), DAY0),
        ev(obligation_overdue(due=DAY0), uuid4(), DAY0 + timedelta(days=2)),
    ]
    events = [*registrations(), *others]
    for envelope in events:
        await publish(jetstream, envelope)
    await publish(jetstream, events[3], msg_id=str(uuid4()))  # delivered twice: counted once
    await eventually(lambda: _has(running, len(events)), what="live processing of every event")
    live = await snapshot(running)
    kinds = sorted(row[1] for row in live["early_warnings"])
    # SCJ/penalty on days 4 and 96, ZJJ/permit on day 99 (its window's first day counted), a_history's own pair
    assert kinds == ["deadline_overdue", "high_risk", *["repeated_act_type"] * 4, *["repeated_agency"] * 4]

    async with running.sessions() as session, session.begin():
        await session.execute(delete(early_warnings))  # the rebuild must raise them itself
        await rebuild(session, jetstream, WarningRules(), batch_size=3)
    assert await snapshot(running) == live

    async with running.sessions() as session, session.begin():
        await rebuild(session, jetstream, WarningRules())
    assert await snapshot(running) == live


async def _has(ctx: ServiceContext, n: int) -> bool:
    return await journal_size(ctx) == n
