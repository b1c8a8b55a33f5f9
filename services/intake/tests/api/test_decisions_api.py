"""Classification (C2), lead agency (A1), repeats, withdrawal and sealed personal data, on SQLite and PostgreSQL."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import httpx
import pytest
from sqlalchemy import select

from adr_intake.spec import SPEC
from adr_intake.store.tables import disputes
from adr_intake.uow import IntakeUnitOfWork, pii_cipher
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, service_context

from ..decision_builders import GOOD_ROWS, csv_bytes, register

pytestmark = pytest.mark.integration

CLASSIFIED = "adr.intake.dispute.classified.v1"
ZJJ = "WJG-ZJJ,伍家岗区住房和城乡建设局,department,county,伍家岗区人民政府,http://www.ycwjg.gov.cn/,no"
ZRZY = "WJG-ZRZY,伍家岗区自然资源分局,branch_of_city_body,city_branch,宜昌市人民政府,http://www.ycwjg.gov.cn/,no"


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


@pytest.fixture
async def client(ctx: ServiceContext) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(ctx) as http:
        await http.post("/api/v1/directory/imports", content=csv_bytes(GOOD_ROWS[1], ZJJ, ZRZY))
        yield http


async def events(ctx: ServiceContext, case_id: str) -> list[tuple[str, dict[str, Any]]]:
    table = ctx.tables.outbox
    query = select(table.c.subject, table.c.envelope).where(table.c.case_id == UUID(case_id)).order_by(table.c.seq)
    async with ctx.sessions() as session:
        return [(r.subject, r.envelope["data"]) for r in (await session.execute(query)).all()]


def applicants(count: int) -> list[dict[str, str]]:
    return [{"kind": "natural", "name": f"村民{i:02d}"} for i in range(count)]


@pytest.mark.clause("C2")
@pytest.mark.parametrize(("count", "group"), [(9, False), (10, True)])
async def test_the_rules_classify_a_group_dispute_at_registration(
    client: httpx.AsyncClient, ctx: ServiceContext, count: int, group: bool
) -> None:
    dispute = await register(client, applicants=applicants(count), act_type="expropriation")

    assert dispute["classification"]["group"] is group and dispute["classification"]["sensitive"] is True
    [(subject, data)] = [e for e in await events(ctx, dispute["case_id"]) if e[0] == CLASSIFIED]
    assert data["group"] is group and data["alert"] is False and "sensitive_act_type" in data["reason_codes"]


@pytest.mark.clause("C2")
async def test_an_amount_at_the_threshold_is_major_and_alerts_at_once(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    small = await register(client, amount_yuan=999_999)
    large = await register(client, amount_yuan=1_000_000)

    assert not [e for e in await events(ctx, small["case_id"]) if e[0] == CLASSIFIED]
    [(_, data)] = [e for e in await events(ctx, large["case_id"]) if e[0] == CLASSIFIED]
    assert data == {
        "major": True,
        "group": False,
        "sensitive": False,
        "reason_codes": ["amount_at_threshold"],
        "manual": False,
        "alert": True,
    }
    board = await client.get("/board")
    assert board.text.count(">重大<") == 1


@pytest.mark.clause("C2")
async def test_classifying_by_hand_records_the_reason_and_alerts_when_major(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    case_id = (await register(client))["case_id"]
    body = {"major": True, "group": False, "sensitive": True, "reason": "涉及重点工程"}

    response = await client.post(f"/api/v1/disputes/{case_id}/classification", json=body)
    missing = await client.post(f"/api/v1/disputes/{case_id}/classification", json={**body, "reason": ""})

    assert response.status_code == 200
    assert response.json()["classification"] | {"reason_codes": None} == {
        "major": True,
        "group": False,
        "sensitive": True,
        "reason_codes": None,
        "manual": True,
        "note": "涉及重点工程",
        "alert": True,
    }
    [(_, data)] = [e for e in await events(ctx, case_id) if e[0] == CLASSIFIED]
    assert data["alert"] is True and data["manual"] is True and "涉及重点工程" not in str(data)
    assert missing.status_code == 422


@pytest.mark.clause("A1", "O3")
async def test_one_agency_is_responsible_and_its_liaisons_are_recorded_for_notification(
    client: httpx.AsyncClient,
) -> None:
    liaison = await client.post("/api/v1/directory/units/WJG-SCJ/liaisons", json={"name": "李四"})
    liaison_id = liaison.json()["liaisons"][0]["liaison_id"]

    dispute = await register(client)
    history = (await client.get(f"/api/v1/disputes/{dispute['case_id']}/history")).json()

    assert dispute["lead_agency"] == {
        "code": "WJG-SCJ",
        "decided": False,
        "reasons": None,
        "decided_on": None,
        "liaisons_to_notify": [liaison_id],
    }
    assert any(h["action"] == "intake.dispute.liaisons_named" and h["details"]["liaison_count"] == 1 for h in history)


@pytest.mark.clause("A1")
async def test_the_justice_bureau_and_the_court_decide_the_lead_agency_among_several(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    case_id = (await register(client, agency_codes=["WJG-ZJJ", "WJG-ZRZY"]))["case_id"]
    body = {"lead_agency_code": "WJG-ZJJ", "reasons": "征收补偿由区住建局实施", "decided_on": "2026-11-27"}

    decided = await client.post(f"/api/v1/disputes/{case_id}/lead-agency", json=body)
    again = await client.post(f"/api/v1/disputes/{case_id}/lead-agency", json=body)
    outsider = await register(client, agency_codes=["WJG-ZJJ", "WJG-ZRZY"])
    wrong = await client.post(
        f"/api/v1/disputes/{outsider['case_id']}/lead-agency", json={**body, "lead_agency_code": "WJG-SCJ"}
    )

    assert decided.status_code == 200 and decided.json()["lead_agency"]["decided"] is True
    assert (
        "adr.intake.dispute.lead_agency_decided.v1",
        {"lead_agency_code": "WJG-ZJJ", "agency_codes": ["WJG-ZJJ", "WJG-ZRZY"], "decided_on": "2026-11-27"},
    ) in await events(ctx, case_id)
    assert (again.status_code, wrong.status_code) == (409, 422)


@pytest.mark.clause("A1")
async def test_a_single_agency_needs_no_lead_agency_decision(client: httpx.AsyncClient) -> None:
    case_id = (await register(client))["case_id"]

    response = await client.post(
        f"/api/v1/disputes/{case_id}/lead-agency", json={"lead_agency_code": "WJG-SCJ", "reasons": "理由"}
    )

    assert response.status_code == 422 and response.json()["type"] == "/problems/SingleAgency"


@pytest.mark.clause("M3")
async def test_withdrawal_publishes_its_event_and_ends_the_dispute_here(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    case_id = (await register(client))["case_id"]

    withdrawn = await client.post(f"/api/v1/disputes/{case_id}/withdrawal", json={"reason_code": "applicant_withdrew"})
    route = await client.post(f"/api/v1/disputes/{case_id}/route", json={"route": "filing", "reason_code": "x_y"})
    again = await client.post(f"/api/v1/disputes/{case_id}/withdrawal", json={"reason_code": "applicant_withdrew"})

    assert withdrawn.status_code == 200 and withdrawn.json()["stage"] == "withdrawn"
    assert withdrawn.json()["withdrawal"]["reason_code"] == "applicant_withdrew"
    subject, data = (await events(ctx, case_id))[-1]
    assert subject == "adr.intake.dispute.withdrawn.v1"
    assert data["reason_code"] == "applicant_withdrew"
    assert data["registration_no"] == withdrawn.json()["registration_no"]
    assert (route.status_code, again.status_code) == (409, 409)


@pytest.mark.clause("M3")
async def test_a_routed_dispute_is_not_withdrawn_here(client: httpx.AsyncClient) -> None:
    case_id = (await register(client, channel="court_delegation"))["case_id"]

    response = await client.post(f"/api/v1/disputes/{case_id}/withdrawal", json={"reason_code": "applicant_withdrew"})

    assert response.status_code == 409 and response.json()["type"] == "/problems/WithdrawalAfterRouting"


@pytest.mark.clause("M3")
async def test_the_same_applicant_against_the_same_act_is_flagged_with_the_earlier_dispute(
    client: httpx.AsyncClient,
) -> None:
    first = await register(client, act_doc_no="伍市监罚〔2026〕12号")
    renamed = [{"kind": "natural", "name": "张叁", "id_no": "420502199001011234"}]  # same ID number
    second = await register(client, applicants=renamed, act_doc_no="伍市监罚[2026]12号")
    other_act = await register(client, act_doc_no="伍市监罚〔2026〕13号")
    by_name = await register(client, applicants=[{"kind": "natural", "name": "张三"}])

    assert first["repeat_of"] is None
    assert second["repeat_of"] == first["case_id"]
    assert other_act["repeat_of"] is None
    assert by_name["repeat_of"] == other_act["case_id"]  # no number given: the latest dispute on that act type
    page = await client.get(f"/disputes/{second['case_id']}")
    assert f'href="/disputes/{first["case_id"]}"' in page.text and "疑似重复" in page.text


@pytest.mark.clause("M3")
async def test_personal_data_is_sealed_in_the_database_and_opens_for_the_cipher(
    client: httpx.AsyncClient, ctx: ServiceContext
) -> None:
    dispute = await register(client)

    async with ctx.sessions() as session:
        raw = (await session.execute(select(disputes.c.applicants, disputes.c.claims_summary))).one()
    stored = str(raw.applicants) + raw.claims_summary
    for plain in ("张三", "420502199001011234", "13800001234", "请求撤销罚款决定"):
        assert plain not in stored
    assert raw.applicants[0]["masked"] == "张*" and dispute["applicants"] == [{"kind": "natural", "name": "张*"}]
    async with IntakeUnitOfWork(ctx.sessions, ctx.tables, actor="test:t", cipher=pii_cipher(ctx)) as uow:
        opened = await uow.disputes.personal_data(UUID(dispute["case_id"]))
    assert opened.claims_summary == "请求撤销罚款决定"
    assert [(a.name, a.id_no, a.phone) for a in opened.applicants] == [("张三", "420502199001011234", "13800001234")]
