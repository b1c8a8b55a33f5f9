"""The thin slice across all five services, as real processes over real NATS and PostgreSQL.

A dispute is registered at intake, routed to mediation, and each institution learns of it from
the bus alone: mediation opens a case, reporting counts it, intake's board follows mediation,
and a failed mediation flows into the court's filing queue keeping the date first received (M3).
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.nats,
    pytest.mark.postgres,
    pytest.mark.integration,
    pytest.mark.clause("M3", "R2", "O2"),
]

RECEIVED_ON = datetime.now(UTC).date() - timedelta(days=5)
STAFF: dict[str, str] = {}  # each client carries its own bearer token (conftest)


def a_registration(channel: str, *, consent: bool) -> dict[str, Any]:
    """A registration request as the centre's window or the court would send it."""
    return {
        "channel": channel,
        "received_on": RECEIVED_ON.isoformat(),
        "applicants": [{"kind": "natural", "name": "张三", "phone": "13800000000"}],
        "agency_codes": ["WJG-SCJ"],
        "act_type": "penalty",
        "claims_summary": "请求撤销罚款决定",
        "mediation_consent": consent,
    }


def register(platform: Any, channel: str, *, consent: bool) -> dict[str, Any]:
    """Registers a dispute at intake and returns it (201 expected)."""
    response = platform["intake"].post("/api/v1/disputes", json=a_registration(channel, consent=consent), headers=STAFF)
    if response.status_code != 201:
        platform.fail(f"intake refused the registration: {response.status_code} {response.text}")
    body: dict[str, Any] = response.json()
    return body


def open_mediation_case(platform: Any, case_id: str) -> dict[str, Any]:
    """Waits until mediation has opened a case for the dispute, and returns it."""

    def listed() -> httpx.Response:
        response: httpx.Response = platform["mediation"].get("/api/v1/mediation-cases", params={"case_id": case_id})
        return response

    def is_open(response: httpx.Response) -> bool:
        items = response.json().get("items", []) if response.status_code == 200 else []
        return len(items) == 1 and items[0]["status"] == "opened"

    response = platform.eventually(f"mediation opens a case for {case_id}", listed, is_open)
    case: dict[str, Any] = response.json()["items"][0]
    return case


def disputes_total(platform: Any) -> int:
    """Reporting's count of registered disputes."""
    response = platform["reporting"].get("/api/v1/indicators/disputes")
    if response.status_code != 200:
        platform.fail(f"reporting's indicator did not answer: {response.status_code} {response.text}")
    return int(response.json()["total"])


def intake_stage_is(platform: Any, case_id: str, stage: str) -> httpx.Response:
    """Waits until intake's board shows the dispute at ``stage``."""
    response: httpx.Response = platform.eventually(
        f"intake shows {case_id} at stage {stage!r}",
        lambda: platform["intake"].get(f"/api/v1/disputes/{case_id}"),
        lambda r: r.status_code == 200 and r.json()["stage"] == stage,
    )
    return response


def test_a_court_delegated_dispute_is_registered_mediated_counted_and_followed(running_platform: Any) -> None:
    before = disputes_total(running_platform)

    dispute = register(running_platform, "court_delegation", consent=True)

    assert dispute["route"] == "mediation", "a consented court delegation is routed to mediation at registration"
    case = open_mediation_case(running_platform, dispute["case_id"])
    assert case["stage"] == "court_delegated"
    assert case["registration_no"] == dispute["registration_no"]
    assert date.fromisoformat(case["first_received_on"]) == RECEIVED_ON
    running_platform.eventually(
        "reporting counts one more dispute",
        lambda: running_platform["reporting"].get("/api/v1/indicators/disputes"),
        lambda r: r.status_code == 200 and r.json()["total"] == before + 1,
    )
    intake_stage_is(running_platform, dispute["case_id"], "mediating")


def test_a_walk_in_dispute_routed_by_the_centre_opens_a_pre_litigation_mediation(running_platform: Any) -> None:
    dispute = register(running_platform, "centre_walk_in", consent=True)
    assert dispute["route"] is None, "a walk-in dispute waits for the centre's routing decision"

    routed = running_platform["intake"].post(
        f"/api/v1/disputes/{dispute['case_id']}/route",
        json={"route": "mediation", "reason_code": "discretionary_act"},
        headers=STAFF,
    )

    assert routed.status_code == 200, routed.text
    case = open_mediation_case(running_platform, dispute["case_id"])
    assert case["stage"] == "pre_litigation"
    intake_stage_is(running_platform, dispute["case_id"], "mediating")


def test_a_failed_mediation_flows_into_filing_keeping_the_date_first_received(running_platform: Any) -> None:
    dispute = register(running_platform, "court_delegation", consent=True)
    case = open_mediation_case(running_platform, dispute["case_id"])
    failure = {"failed_on": case["opened_on"], "reason": "no_agreement", "next_route": "filing"}

    failed = running_platform["mediation"].post(
        f"/api/v1/mediation-cases/{case['mediation_case_id']}/failure", json=failure, headers=STAFF
    )

    assert failed.status_code == 200, failed.text
    entry = running_platform.eventually(
        "court-bridge queues the dispute for filing",
        lambda: running_platform["court-bridge"].get(f"/api/v1/filing-queue/{dispute['case_id']}"),
        lambda r: r.status_code == 200,
    ).json()
    assert date.fromisoformat(entry["first_received_on"]) == RECEIVED_ON
    intake_stage_is(running_platform, dispute["case_id"], "mediation_failed")
