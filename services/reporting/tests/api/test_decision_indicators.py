"""Counts of classified, lead-agency, withdrawn disputes and of the directory, on SQLite and PostgreSQL."""

from datetime import timedelta
from typing import Any
from uuid import uuid4

import httpx
import pytest

from adr_contracts import Envelope
from adr_reporting.messaging.subscriptions import on_directory_changed, on_dispute_event
from adr_runtime.context import ServiceContext

from ..builders import (
    T0,
    agency_changed,
    an_envelope,
    classified,
    lead_agency_decided,
    reference_envelope,
    registered,
    withdrawn,
)

pytestmark = pytest.mark.integration


async def feed(ctx: ServiceContext, envelopes: list[Envelope[Any]]) -> None:
    """Applies each event in its own transaction, as the consumer does."""
    for envelope in envelopes:
        handler = on_dispute_event if envelope.case_id is not None else on_directory_changed
        async with ctx.sessions() as session, session.begin():
            await handler(session, envelope)


@pytest.mark.clause("C2", "A1", "M11")
async def test_major_group_sensitive_lead_agency_and_withdrawn_disputes_are_counted(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    a, b, c = uuid4(), uuid4(), uuid4()
    await feed(ctx, [
        an_envelope(registered(no="A"), case_id=a),
        an_envelope(classified(major=True), case_id=a),
        an_envelope(classified(major=False, group=True), case_id=b, at=T0),
        an_envelope(classified(major=True, group=True), case_id=b, at=T0 + timedelta(hours=1)),
        an_envelope(lead_agency_decided(), case_id=b),
        an_envelope(withdrawn(), case_id=c),
    ])

    body = (await client.get("/api/v1/indicators/disputes")).json()

    assert {k: body[k] for k in ("major", "group", "sensitive", "lead_agency_decided", "withdrawn")} == {
        "major": 2, "group": 1, "sensitive": 0, "lead_agency_decided": 1, "withdrawn": 1
    }
    assert "withdrawn" in body["definition"] and "lead_agency_decided" in body["definition"]


@pytest.mark.clause("O3", "M11")
async def test_the_directory_counts_units_by_kind_and_those_without_a_liaison(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    await feed(ctx, [
        reference_envelope(agency_changed("WJG-SCJ", liaisons=0)),
        reference_envelope(agency_changed("WJG-SCJ", change="updated", liaisons=1), at=T0 + timedelta(minutes=1)),
        reference_envelope(agency_changed("WJG-WJG", kind="street_office")),
        reference_envelope(agency_changed("WJG-OLD")),
        reference_envelope(agency_changed("WJG-OLD", change="removed"), at=T0 + timedelta(minutes=1)),
    ])

    body = (await client.get("/api/v1/indicators/directory")).json()

    assert (body["units"], body["units_without_liaison"]) == (2, 1)
    assert body["by_kind"] == {"department": 1, "street_office": 1}
    assert "联络员" in body["definition"]
