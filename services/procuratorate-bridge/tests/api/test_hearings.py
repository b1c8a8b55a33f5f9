"""Hearings and judicial assistance through the API (P4): linked to the case, published without names."""

from uuid import uuid4

import httpx
import pytest

from adr_runtime.context import ServiceContext

from ..builders import outbox_events

pytestmark = [pytest.mark.integration, pytest.mark.clause("P4")]

PARTICIPANTS = [
    {"role": "hearing_officer", "name": "听证员甲", "organisation": "区人大代表"},
    {"role": "hearing_officer", "name": "听证员乙"},
    {"role": "applicant", "name": "申请人丙"},
    {"role": "agency", "name": "区市场监督管理局", "organisation": "WJG-SCJ"},
]


async def test_a_hearing_is_scheduled_held_and_published_without_names(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = str(uuid4())
    scheduled = await client.post(
        "/api/v1/hearings", json={"case_id": case_id, "topic": "行政处罚争议公开听证", "scheduled_on": "2026-12-03"}
    )
    hearing_id = scheduled.json()["id"]

    held = await client.post(
        f"/api/v1/hearings/{hearing_id}/record",
        json={"held_on": "2026-12-03", "participants": PARTICIPANTS, "outcome": "reconciled", "summary": "当场和解"},
    )
    listed = (await client.get("/api/v1/hearings", params={"case_id": case_id})).json()

    assert scheduled.status_code == 201 and held.status_code == 200
    assert held.json()["outcome"] == "reconciled" and len(held.json()["participants"]) == 4
    assert [h["id"] for h in listed] == [hearing_id]
    [event] = await outbox_events(ctx)
    assert (event["type"], event["subject"]) == ("adr.procuratorate.hearing.held.v1", case_id)
    assert event["data"] == {
        "hearing_id": hearing_id, "held_on": "2026-12-03", "outcome_code": "reconciled", "participant_count": 4
    }


async def test_hearing_refusals_are_problems(client: httpx.AsyncClient) -> None:
    body = {"case_id": str(uuid4()), "topic": "听证", "scheduled_on": "2026-12-03"}
    hearing_id = (await client.post("/api/v1/hearings", json=body)).json()["id"]
    record = {"held_on": "2026-12-03", "participants": PARTICIPANTS[2:], "outcome": "closed"}

    no_officer = await client.post(f"/api/v1/hearings/{hearing_id}/record", json=record)
    bad_outcome = await client.post(
        f"/api/v1/hearings/{hearing_id}/record", json=record | {"outcome": "guilty", "participants": PARTICIPANTS}
    )
    no_case = await client.post("/api/v1/hearings", json=body | {"case_id": None})
    missing = await client.get(f"/api/v1/hearings/{uuid4()}")

    assert no_officer.status_code == 422 and "听证员" in no_officer.json()["detail"]
    assert bad_outcome.status_code == 422 and [e["field"] for e in bad_outcome.json()["errors"]] == ["outcome"]
    assert no_case.status_code == 422 and [e["field"] for e in no_case.json()["errors"]] == ["case_id"]
    assert missing.status_code == 404


async def test_judicial_assistance_is_applied_for_decided_and_published_without_the_applicant(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = str(uuid4())
    applied = await client.post(
        "/api/v1/assistance-applications",
        json={"case_id": case_id, "applicant_name": "申请人丙", "reason": "因病致贫", "applied_on": "2026-12-01",
              "requested_fen": 2_000_000},
    )
    application_id = applied.json()["id"]

    decided = await client.post(
        f"/api/v1/assistance-applications/{application_id}/decision",
        json={"decided_on": "2026-12-10", "granted": True, "amount_fen": 1_500_000},
    )
    again = await client.post(
        f"/api/v1/assistance-applications/{application_id}/decision",
        json={"decided_on": "2026-12-11", "granted": False, "reason": "重复"},
    )
    listed = (await client.get("/api/v1/assistance-applications", params={"case_id": case_id})).json()

    assert applied.status_code == 201 and decided.status_code == 200
    assert (decided.json()["granted"], decided.json()["amount_fen"]) == (True, 1_500_000)
    assert again.status_code == 409 and "不能重复决定" in again.json()["detail"]
    assert [a["id"] for a in listed] == [application_id]
    [event] = await outbox_events(ctx)
    assert (event["type"], event["subject"]) == ("adr.procuratorate.assistance.decided.v1", case_id)
    assert event["data"] == {
        "application_id": application_id, "decided_on": "2026-12-10", "granted": True, "amount_fen": 1_500_000
    }
    assert "申请人丙" not in str(event)
