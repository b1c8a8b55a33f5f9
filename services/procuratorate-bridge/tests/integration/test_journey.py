"""The journey on the real nats-server: a court filing shared with the procuratorate, a suggestion issued
about that case, the agency's reply, and the events published on ADR_PROCURATORATE for reporting."""

import json
from datetime import UTC, datetime
from typing import Any

import nats
import pytest

from adr_runtime.context import ServiceContext
from adr_runtime.testing.receipts import without_receipts
from adr_runtime.testing.service import api_client

from ..builders import SUGGESTION, a_case_filing, at, eventually, publish

pytestmark = [pytest.mark.integration, pytest.mark.nats, pytest.mark.clause("P2", "P3")]

STREAM = "ADR_PROCURATORATE"


async def published(js: nats.js.JetStreamContext) -> list[dict[str, Any]]:
    """Every envelope on the procuratorate's stream, in order."""
    count = (await js.stream_info(STREAM)).state.messages
    envelopes = [json.loads((await js.get_msg(STREAM, seq=seq)).data or b"{}") for seq in range(1, count + 1)]
    return without_receipts(envelopes, subject="type")  # its hand-off receipts to the producers travel here too


async def test_a_shared_filing_leads_to_a_suggestion_a_reply_and_their_events(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    filing = a_case_filing()
    await publish(jetstream, filing)

    async with api_client(running) as http:
        async def shared() -> list[dict[str, Any]]:
            page = await http.get("/api/v1/shared-records", params={"case_id": str(filing.case_id)})
            items: list[dict[str, Any]] = page.json()["items"]
            return items

        [record] = await eventually(shared, what="the filing kept as a shared record")
        receipt = (await http.get(f"/api/v1/receipts/{record['receipt_id']}")).json()

        at(http, datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
        body = SUGGESTION | {"case_id": str(filing.case_id), "agency_code": filing.data.agency_codes[0]}
        suggestion = (await http.post("/api/v1/suggestions", json=body)).json()
        issued = await http.post(f"/api/v1/suggestions/{suggestion['id']}/issue", json={"served_on": "2026-03-02"})
        replied = await http.post(
            f"/api/v1/suggestions/{suggestion['id']}/reply",
            json={"replied_on": "2026-05-08", "adopted": True, "measures": ["修订处罚告知书模板"]},
        )

    async def both_published() -> list[dict[str, Any]]:
        events = await published(jetstream)
        return events if len(events) == 2 else []

    issued_event, replied_event = await eventually(both_published, what="two events on ADR_PROCURATORATE")

    assert (record["kind"], receipt["event_id"]) == ("case_filed", str(filing.event_id))
    assert issued.status_code == 200 and replied.status_code == 200
    assert issued_event["type"] == "adr.procuratorate.suggestion.issued.v1"
    assert replied_event["type"] == "adr.procuratorate.suggestion.replied.v1"
    assert issued_event["subject"] == replied_event["subject"] == str(filing.case_id)
    assert issued_event["correlationid"] != replied_event["correlationid"]  # two requests
    assert issued_event["data"] == {
        "suggestion_id": suggestion["id"], "suggestion_no": "宜伍检行建〔2026〕1号", "agency_code": "WJG-SCJ",
        "topic_code": "penalty_procedure", "issued_on": "2026-03-02", "reply_due_on": "2026-05-06",
    }
    assert replied_event["data"] == {
        "suggestion_id": suggestion["id"], "agency_code": "WJG-SCJ", "replied_on": "2026-05-08",
        "reply_due_on": "2026-05-06", "days_late": 2, "adopted": True,
    }


async def test_an_unanswered_suggestion_is_published_overdue_once(
    running: ServiceContext, jetstream: nats.js.JetStreamContext
) -> None:
    async with api_client(running) as http:
        at(http, datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
        suggestion = (await http.post("/api/v1/suggestions", json=SUGGESTION)).json()
        await http.post(f"/api/v1/suggestions/{suggestion['id']}/issue", json={"served_on": "2026-03-02"})
        at(http, datetime(2026, 5, 7, 2, 0, tzinfo=UTC))
        first = (await http.post("/api/v1/suggestions/sweep-overdue")).json()
        again = (await http.post("/api/v1/suggestions/sweep-overdue")).json()

    async def both_published() -> list[dict[str, Any]]:
        events = await published(jetstream)
        return events if len(events) == 2 else []

    _, overdue = await eventually(both_published, what="issued and overdue on ADR_PROCURATORATE")
    assert (first, again) == ({"noticed": [suggestion["id"]]}, {"noticed": []})
    assert (overdue["type"], overdue["subject"]) == ("adr.procuratorate.suggestion.overdue.v1", suggestion["id"])
    assert overdue["data"] == {
        "suggestion_id": suggestion["id"], "agency_code": "WJG-SCJ", "reply_due_on": "2026-05-06",
        "noticed_on": "2026-05-07",
    }
