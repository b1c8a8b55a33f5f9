"""Materials and plans (A4, M1, J4) and hearings with the agency head's appearance (M5, RULES.md §4)."""

import hashlib
from uuid import UUID

import httpx
import pytest

from adr_runtime.api_deps import get_clock
from adr_runtime.context import ServiceContext

from ..builders import T0, a_filed_case, outbox_events

pytestmark = [pytest.mark.integration]


@pytest.fixture(autouse=True)
def fixed_clock(client: httpx.AsyncClient) -> None:
    client._transport.app.dependency_overrides[get_clock] = lambda: T0  # type: ignore[attr-defined]


def plan_form(**extra: str) -> dict[str, str]:
    return {
        "agency_code": "WJG-SCJ",
        "submitted_on": "2026-12-01",
        "cause": "罚款数额认定有争议",
        "earlier_steps": "已与申请人两次沟通",
        "next_measures": "重新核定违法所得并听取意见",
        **extra,
    }


@pytest.mark.clause("A4", "J4")
async def test_service_of_the_complaint_sets_the_15_day_defence_deadline_over_a_weekend(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = await a_filed_case(ctx, client)

    # 2026-11-24 + 15 = Wednesday 2026-12-09
    response = await client.post(
        f"/api/v1/cases/{case_id}/complaint-services", json={"agency_code": "WJG-SCJ", "served_on": "2026-11-24"}
    )
    again = await client.post(
        f"/api/v1/cases/{case_id}/complaint-services", json={"agency_code": "WJG-SCJ", "served_on": "2026-11-25"}
    )
    other = await client.post(
        f"/api/v1/cases/{case_id}/complaint-services", json={"agency_code": "WJG-OTHER", "served_on": "2026-11-25"}
    )

    assert response.status_code == 201, response.text
    assert response.json()["defence_due_on"] == "2026-12-09"
    assert again.status_code == 422 and other.status_code == 422
    assert "被诉机关" in other.json()["detail"]


@pytest.mark.clause("A4", "M1", "J4")
async def test_resolution_plans_are_versioned_with_evidence_checksums(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = await a_filed_case(ctx, client)
    await client.post(
        f"/api/v1/cases/{case_id}/complaint-services", json={"agency_code": "WJG-SCJ", "served_on": "2026-11-24"}
    )
    evidence = "处罚决定书扫描件".encode()

    first = await client.post(
        f"/api/v1/cases/{case_id}/resolution-plans",
        data=plan_form(responding_unit="区司法局", sealing_documents="答辩状", major_case_argument="经集体讨论"),
        files=[
            ("evidence", ("决定书.pdf", evidence, "application/pdf")),
            ("evidence", ("照片.jpg", b"\xff\xd8jpeg", "image/jpeg")),
        ],
    )
    second = await client.post(
        f"/api/v1/cases/{case_id}/resolution-plans",
        data=plan_form(submitted_on="2026-12-15", agency_decision="局务会通过"),
    )

    assert first.status_code == 201, first.text
    assert (first.json()["version"], second.json()["version"]) == (1, 2)
    assert first.json()["plan_id"] == second.json()["plan_id"]
    record = (await client.get(f"/api/v1/cases/{case_id}")).json()
    v1, v2 = record["plans"]
    assert [e["sha256"] for e in v1["evidence"]][0] == hashlib.sha256(evidence).hexdigest()
    assert v1["responding_unit"] == "区司法局" and v1["sealing_documents"] == ["答辩状"]
    assert (v1["on_time"], v2["on_time"]) == (True, False)
    stored = await client.get(f"/api/v1/evidence/{v1['evidence'][0]['id']}")
    assert stored.content == evidence and stored.headers["x-checksum-sha256"] == hashlib.sha256(evidence).hexdigest()
    events = await outbox_events(ctx, "adr.court.case.resolution_plan_submitted.v1")
    assert [(e["data"]["version"], e["data"]["evidence_count"], e["data"]["on_time"]) for e in events] == [
        (1, 2, True),
        (2, 0, False),
    ]


@pytest.mark.clause("A4")
async def test_a_plan_before_service_is_refused(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    case_id = await a_filed_case(ctx, client)

    response = await client.post(f"/api/v1/cases/{case_id}/resolution-plans", data=plan_form())

    assert response.status_code == 422
    assert "送达" in response.json()["detail"]


@pytest.mark.clause("J4")
async def test_the_representative_s_specific_authorisation_is_recorded(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = await a_filed_case(ctx, client)
    body = {
        "agency_code": "WJG-SCJ",
        "representative": "王五",
        "post": "法制科科长",
        "powers": ["代为承认、放弃、变更诉讼请求", "进行和解"],
        "granted_on": "2026-11-25",
    }

    assert (await client.post(f"/api/v1/cases/{case_id}/authorisations", json=body)).status_code == 201
    assert (
        await client.post(f"/api/v1/cases/{case_id}/authorisations", json={**body, "powers": []})
    ).status_code == 422
    [grant] = (await client.get(f"/api/v1/cases/{case_id}")).json()["authorisations"]
    assert grant["powers"] == body["powers"]


async def a_hearing(client: httpx.AsyncClient, case_id: UUID, *, head_required: str = "shall") -> str:
    response = await client.post(
        f"/api/v1/cases/{case_id}/hearings",
        json={
            "agency_code": "WJG-SCJ",
            "hearing_on": "2026-12-20",
            "noticed_on": "2026-12-17",
            "head_required": head_required,
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@pytest.mark.clause("M5")
async def test_a_notice_less_than_3_days_ahead_is_refused_with_the_last_possible_day(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = await a_filed_case(ctx, client)

    response = await client.post(
        f"/api/v1/cases/{case_id}/hearings",
        json={
            "agency_code": "WJG-SCJ",
            "hearing_on": "2026-12-20",
            "noticed_on": "2026-12-18",
            "head_required": "shall",
        },
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "2026-12-17" in response.json()["detail"]


@pytest.mark.clause("M5")
async def test_a_head_who_appeared_and_spoke_is_published_and_counted(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = await a_filed_case(ctx, client)
    hearing_id = await a_hearing(client, case_id)

    response = await client.post(
        f"/api/v1/hearings/{hearing_id}/appearance",
        json={"held_on": "2026-12-20", "appeared": "head", "head_rank": "deputy", "spoke_to_substance": True},
    )
    twice = await client.post(
        f"/api/v1/hearings/{hearing_id}/appearance", json={"held_on": "2026-12-20", "appeared": "staff"}
    )

    assert response.status_code == 200 and response.json()["suggestion_draft_id"] is None
    assert twice.status_code == 422
    [event] = await outbox_events(ctx, "adr.court.case.hearing_held.v1")
    assert (event["data"]["head_appeared"], event["data"]["head_rank"], event["data"]["spoke_to_substance"]) == (
        True,
        "deputy",
        True,
    )
    counts = (await client.get("/api/v1/appearance-rate", params={"agency_code": "WJG-SCJ"})).json()
    assert (
        counts["hearings_held"],
        counts["head_appeared"],
        counts["shall_head_appeared"],
        counts["rate_by_hearings"],
    ) == (1, 1, 1, 1.0)


@pytest.mark.clause("M5", "K3", "C5")
async def test_a_head_s_unjustified_absence_proposes_a_suggestion_draft(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = await a_filed_case(ctx, client)
    hearing_id = await a_hearing(client, case_id)

    response = await client.post(
        f"/api/v1/hearings/{hearing_id}/appearance",
        json={"held_on": "2026-12-20", "appeared": "staff", "absence_reason_code": "none_given"},
    )

    draft_id = response.json()["suggestion_draft_id"]
    assert draft_id is not None
    [draft] = (await client.get("/api/v1/suggestions", params={"status": "draft"})).json()
    assert (draft["id"], draft["trigger"], draft["agency_code"], draft["case_id"]) == (
        draft_id,
        "head_absent",
        "WJG-SCJ",
        str(case_id),
    )
    [event] = await outbox_events(ctx, "adr.court.case.hearing_held.v1")
    assert (event["data"]["head_appeared"], event["data"]["absence_reason_code"]) == (False, "none_given")


@pytest.mark.clause("M5")
@pytest.mark.parametrize(
    ("required", "body", "drafted"),
    [
        (
            "shall",
            {"appeared": "staff", "absence_reason_code": "official_duty", "absence_reason_accepted": True},
            False,
        ),
        ("none", {"appeared": "staff"}, False),
        ("none", {"appeared": "lawyer_only"}, True),
    ],
)
async def test_what_counts_as_a_violation(
    ctx: ServiceContext, client: httpx.AsyncClient, required: str, body: dict[str, object], drafted: bool
) -> None:
    case_id = await a_filed_case(ctx, client)
    hearing_id = await a_hearing(client, case_id, head_required=required)

    response = await client.post(f"/api/v1/hearings/{hearing_id}/appearance", json={"held_on": "2026-12-20", **body})

    assert (response.json()["suggestion_draft_id"] is not None) is drafted


@pytest.mark.clause("M5")
async def test_a_head_without_a_rank_is_refused(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    case_id = await a_filed_case(ctx, client)
    hearing_id = await a_hearing(client, case_id)

    response = await client.post(
        f"/api/v1/hearings/{hearing_id}/appearance", json={"held_on": "2026-12-20", "appeared": "head"}
    )

    assert response.status_code == 422 and "职务" in response.json()["detail"]
