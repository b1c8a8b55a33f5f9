"""The procuratorate's staff pages, rendered by the real app in Chinese (HTTP only; no browser)."""

from datetime import UTC, datetime
from uuid import uuid4

import httpx
import pytest

from adr_contracts.court import CaseFiledV1
from adr_procuratorate_bridge.spec import SPEC
from adr_runtime.auth import Role
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import api_client, signed_in_as

from ..builders import SUGGESTION, StepClock, a_shared, at

pytestmark = pytest.mark.integration

PROCURATOR = signed_in_as(Role.PROCURATOR, institution="procuratorate")


async def share(ctx: ServiceContext, *envelopes: object) -> None:
    ctx.extras["clock"] = StepClock()
    handlers = {s.contract.SUBJECT: s.handler for s in SPEC.subscriptions(ctx)}
    for envelope in envelopes:
        async with ctx.sessions() as session, session.begin():
            await handlers[envelope.event_type](session, envelope)  # type: ignore[attr-defined]


@pytest.mark.clause("P2")
async def test_shared_records_and_their_receipts_are_shown(ctx: ServiceContext) -> None:
    filing = a_shared(CaseFiledV1)
    await share(ctx, filing)

    async with api_client(ctx, principal=PROCURATOR) as http:
        listing = await http.get("/shared-records", params={"kind": "case_filed"})
        receipt_id = (await http.get("/api/v1/shared-records")).json()["items"][0]["receipt_id"]
        receipt = await http.get(f"/receipts/{receipt_id}")

    assert listing.status_code == 200 and 'lang="zh-CN"' in listing.text
    assert "共享信息与回执" in listing.text and "法院立案" in listing.text and "（2026）鄂0104行初88号" in listing.text
    assert f'href="/receipts/{receipt_id}"' in listing.text
    assert receipt.status_code == 200 and "接收回执" in receipt.text and str(filing.event_id) in receipt.text


@pytest.mark.clause("P3")
async def test_a_suggestion_is_drafted_issued_and_replied_from_the_pages(ctx: ServiceContext) -> None:
    form = SUGGESTION | {"csrf_token": "x"}

    async with api_client(ctx, principal=PROCURATOR) as http:
        at(http, datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
        created = await http.post("/suggestions/new", data=form)
        page = created.headers["location"]
        draft = await http.get(page)
        await http.post(f"{page}/issue", data={"served_on": "2026-03-02"})
        at(http, datetime(2026, 5, 2, 2, 0, tzinfo=UTC))
        listing = await http.get("/suggestions")
        issued = await http.get(page)
        await http.post(f"{page}/reply", data={"replied_on": "2026-05-06", "adopted": "true",
                                               "measures": "修订处罚告知书模板\n组织执法人员培训"})
        replied = await http.get(page)
        published = await http.get("/supervision")

    assert created.status_code == 303 and "（草稿）" in draft.text and "编号并发出" in draft.text
    assert "宜伍检行建〔2026〕1号" in listing.text and "2026-05-06" in listing.text and "5日内到期" in listing.text
    assert "登记回复" in issued.text and 'name="csrf_token"' in issued.text
    assert "已回复" in replied.text and "修订处罚告知书模板；组织执法人员培训" in replied.text
    assert "检察监督工作公开清单" in published.text and "宜伍检行建〔2026〕1号" in published.text
    assert "抽查发现" not in published.text  # no case text on the publishable list


@pytest.mark.clause("P3")
async def test_bad_form_input_shows_the_field_in_chinese(ctx: ServiceContext) -> None:
    async with api_client(ctx, principal=PROCURATOR) as http:
        response = await http.post(
            "/suggestions/new", data=SUGGESTION | {"kind": "threat"}, headers={"accept": "text/html"}
        )

    assert response.status_code == 422 and "kind" in response.text and 'lang="zh-CN"' in response.text


@pytest.mark.clause("P1", "P4", "P5", "M9")
async def test_hearings_assistance_analyses_evaluations_and_analysis_pages(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    case_id = str(uuid4())
    hearing = (await client.post("/api/v1/hearings", json={
        "case_id": case_id, "topic": "行政处罚争议公开听证", "scheduled_on": "2026-12-03"})).json()
    await client.post(f"/api/v1/hearings/{hearing['id']}/record", json={
        "held_on": "2026-12-03", "outcome": "reconciled",
        "participants": [{"role": "hearing_officer", "name": "听证员甲"}]})
    await client.post("/api/v1/assistance-applications", json={
        "case_id": case_id, "applicant_name": "申请人丙", "reason": "因病致贫", "applied_on": "2026-12-01",
        "requested_fen": 500_000})
    await client.post("/api/v1/joint-analyses", json={
        "case_id": case_id, "topic": "征收补偿争议研判", "invited_by": "centre", "meeting_on": "2026-12-02"})
    await client.post("/api/v1/evaluations", json={
        "agency_code": "WJG-SCJ", "title": "行政处罚案卷评查", "period_from": "2026-01-01", "period_to": "2026-06-30",
        "case_refs": ["伍市监罚〔2026〕3号"]})

    async with api_client(ctx, principal=PROCURATOR) as http:
        pages = {path: await http.get(path) for path in
                 ("/hearings", "/assistance", "/joint-analyses", "/evaluations", "/analyses")}

    assert all(p.status_code == 200 for p in pages.values())
    assert "听证员：听证员甲" in pages["/hearings"].text and "达成和解" in pages["/hearings"].text
    assert "申请人丙" in pages["/assistance"].text and "5000.00" in pages["/assistance"].text
    assert "待决定" in pages["/assistance"].text
    assert "征收补偿争议研判" in pages["/joint-analyses"].text and "待答复" in pages["/joint-analyses"].text
    assert "行政处罚案卷评查" in pages["/evaluations"].text and "进行中" in pages["/evaluations"].text
    assert "/api/v1/analyses/annual/" in pages["/analyses"].text and "专题分析" in pages["/analyses"].text


@pytest.mark.clause("O2")
async def test_only_procurators_and_administrators_may_open_the_pages(ctx: ServiceContext) -> None:
    async with api_client(ctx, principal=signed_in_as(Role.MEDIATOR)) as http:
        response = await http.get("/suggestions", headers={"accept": "text/html"})

    assert response.status_code == 403


@pytest.mark.clause("P1", "P4", "P5")
async def test_hearings_assistance_analyses_and_evaluations_are_worked_from_the_pages(ctx: ServiceContext) -> None:
    case_id = str(uuid4())

    async with api_client(ctx, principal=PROCURATOR) as http:
        await http.post("/hearings", data={"case_id": case_id, "topic": "公开听证", "scheduled_on": "2026-12-03"})
        [hearing] = (await http.get("/api/v1/hearings")).json()
        await http.post(f"/hearings/{hearing['id']}/record", data={
            "held_on": "2026-12-03", "outcome": "reconciled", "participants": "听证员 张三 区人大代表\n申请人 李四"})
        await http.post("/assistance", data={"case_id": case_id, "applicant_name": "李四", "reason": "因病致贫",
                                             "applied_on": "2026-12-01", "requested_yuan": "3000"})
        [application] = (await http.get("/api/v1/assistance-applications")).json()
        await http.post(f"/assistance/{application['id']}/decision",
                        data={"decided_on": "2026-12-05", "granted": "true", "amount_yuan": "2500.50"})
        await http.post("/joint-analyses", data={"case_id": case_id, "topic": "征收补偿争议研判",
                                                 "invited_by": "centre", "meeting_on": "2026-12-02"})
        [analysis] = (await http.get("/api/v1/joint-analyses")).json()
        answer = {"participants": "检察官甲、检察官乙", "opinion": "建议先行协调", "opinion_on": "2026-12-02"}
        await http.post(f"/joint-analyses/{analysis['id']}/answer", data=answer)
        await http.post("/evaluations", data={"agency_code": "WJG-SCJ", "period_from": "2026-01-01",
                                              "period_to": "2026-06-30", "case_refs": "罚-1\n罚-2"})
        [task] = (await http.get("/api/v1/evaluations")).json()
        for ref in ("罚-1", "罚-2"):
            await http.post(f"/evaluations/{task['id']}/findings",
                            data={"case_ref": ref, "rating": "flawed", "problems": "未载明救济途径"})
        await http.post(f"/evaluations/{task['id']}/close")
        bad_amount = await http.post(f"/assistance/{application['id']}/decision", headers={"accept": "text/html"},
                                     data={"decided_on": "2026-12-05", "granted": "true", "amount_yuan": "两千"})
        pages = {path: (await http.get(path)).text for path in
                 ("/hearings", "/assistance", "/joint-analyses", "/evaluations")}

    held = await _get(ctx, f"/api/v1/hearings/{hearing['id']}")
    assert held["participants"] == [
        {"role": "hearing_officer", "name": "张三", "organisation": "区人大代表"},
        {"role": "applicant", "name": "李四", "organisation": ""},
    ]
    assert "达成和解" in pages["/hearings"] and "记录举行情况" not in pages["/hearings"]
    assert "给予救助" in pages["/assistance"] and "2500.50" in pages["/assistance"]
    assert bad_amount.status_code == 422 and "请输入以元为单位的金额" in bad_amount.text
    assert "建议先行协调" in pages["/joint-analyses"] and "检察官甲、检察官乙" in pages["/joint-analyses"]
    assert "有瑕疵 2 件" in pages["/evaluations"] and "结束评查" not in pages["/evaluations"]


async def _get(ctx: ServiceContext, path: str) -> dict[str, object]:
    async with api_client(ctx) as http:
        body: dict[str, object] = (await http.get(path)).json()
    return body
