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


SEEDED = {"name": "欧阳测试", "phone": "13912345678", "id_no": "11010519491231002X"}


def test_no_log_line_of_any_service_holds_the_seeded_personal_data(running_platform: Any) -> None:
    """Personal data never reaches a log (issue #10 item 4, DESIGN.md §4): seeded values, scanned in every line.

    The dispute travels through every service; its parties are read through the audited endpoint; a request
    carrying the phone number in a wrong field is refused. Then every line every process wrote is scanned.
    """
    registration = {
        **a_registration("court_delegation", consent=True),
        "applicants": [{"kind": "natural", **SEEDED}],
    }
    created = running_platform["intake"].post("/api/v1/disputes", json=registration, headers=STAFF)
    assert created.status_code == 201, created.text
    case_id = created.json()["case_id"]
    parties = running_platform["intake"].get(f"/api/v1/disputes/{case_id}/parties", headers=STAFF)
    assert parties.status_code == 200 and SEEDED["name"] in parties.text  # shown to the entitled reader only
    refused = running_platform["intake"].post(
        "/api/v1/disputes", json={**registration, "received_on": SEEDED["phone"]}, headers=STAFF
    )
    assert refused.status_code == 422 and SEEDED["phone"] not in refused.text
    open_mediation_case(running_platform, case_id)

    log_dir = running_platform.platform.log_dir
    assert log_dir is not None
    scanned = 0
    for log_file in sorted(log_dir.glob("*.log")):
        for number, line in enumerate(log_file.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            scanned += 1
            for kind, value in SEEDED.items():
                assert value not in line, f"{kind} found in {log_file.name} line {number}"
    assert scanned > 50, "the services wrote too few log lines for the scan to mean anything"
