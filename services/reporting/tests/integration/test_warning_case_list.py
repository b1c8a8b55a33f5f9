"""A dense pattern's warning lists its latest cases, not all of them, so its event stays far below NATS's
1 MB message limit; its count still says how many disputes form the pattern (M11, K3)."""

import json
from datetime import date, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import select

from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_reporting import projections, translate
from adr_reporting.domain.warnings import WarningRules
from adr_reporting.store.tables import early_warnings, messaging
from adr_reporting.store.window import CASES_LISTED, insert_rows, rows_of
from adr_runtime.context import ServiceContext

from ..builders import registered
from ..scenario import ev

pytestmark = [pytest.mark.integration, pytest.mark.clause("M11", "K3")]

FIRST = date(2026, 8, 1)
DENSE = 3 * CASES_LISTED  # registrations against one agency already in the window, none warned yet


async def test_a_dense_pattern_lists_its_latest_cases_and_counts_them_all(ctx: ServiceContext) -> None:
    earlier = [ev(registered(no=f"D{n}"), uuid4(), FIRST + timedelta(days=n % 60)) for n in range(DENSE)]
    latest_day = FIRST + timedelta(days=59)
    async with ctx.sessions() as session, session.begin():
        await insert_rows(session, [row for e in earlier for row in rows_of(translate.to_entry(e))])
    last = ev(registered(no="D-last"), uuid4(), latest_day)

    async with ctx.sessions() as session, session.begin():
        assert await projections.project(session, last, WarningRules())

    async with ctx.sessions() as session:
        warning = (
            await session.execute(select(early_warnings).where(early_warnings.c.kind == "repeated_agency"))
        ).one()
        outbox = messaging.outbox
        bodies = (
            await session.execute(select(outbox.c.envelope).where(outbox.c.subject == EarlyWarningRaisedV1.SUBJECT))
        ).all()
    assert warning.count == DENSE + 1
    assert len(warning.case_ids) == CASES_LISTED
    on_the_last_days = {str(e.case_id) for e in earlier if e.occurred_at.date() >= latest_day - timedelta(days=19)}
    listed = set(warning.case_ids)
    assert str(last.case_id) in listed
    assert listed <= on_the_last_days | {str(last.case_id)}  # the latest registrations, not the first ones
    for (body,) in bodies:
        payload = body["data"]
        assert len(payload["case_ids"]) <= CASES_LISTED
        assert len(json.dumps(body).encode()) < 64 * 1024
    assert any(body["data"]["count"] == DENSE + 1 for (body,) in bodies)
