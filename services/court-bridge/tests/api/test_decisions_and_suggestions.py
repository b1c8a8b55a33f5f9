"""Decisions with the Q&A notice and the appeal window (M7), judicial confirmation (W3), judicial
suggestions from draft to reply or overdue (K3, C5, M10), enforcement review (K3) and open trials (M8)."""

from datetime import UTC, datetime
from uuid import UUID

import httpx
import pytest

from adr_runtime.api_deps import get_clock
from adr_runtime.context import ServiceContext
from adr_runtime.documents import docx_text, pdf_text

from ..builders import T0, a_filed_case, an_envelope, confirmation_requested, deliver, obligation_overdue, outbox_events

pytestmark = [pytest.mark.integration]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def set(self, day: str) -> None:
        self.now = datetime.fromisoformat(f"{day}T02:00:00").replace(tzinfo=UTC)


@pytest.fixture
def clock(client: httpx.AsyncClient) -> Clock:
    clock = Clock()
    client._transport.app.dependency_overrides[get_clock] = lambda: clock.now  # type: ignore[attr-defined]
    return clock


async def a_decision(
    client: httpx.AsyncClient, case_id: UUID, kind: str = "judgment", served_on: str = "2026-12-21"
) -> dict:
    response = await client.post(
        f"/api/v1/cases/{case_id}/decisions",
        json={
            "kind": kind,
            "outcome": "revoked" if kind == "judgment" else "dismissed",
            "issued_on": "2026-12-18",
            "served_on": served_on,
        },
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.mark.clause("M7")
async def test_a_judgment_has_a_15_day_window_and_a_ruling_10_days_from_service(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    case_id = await a_filed_case(ctx, client)

    judgment = await a_decision(client, case_id)
    ruling = await a_decision(client, case_id, kind="ruling")

    # 2026-12-21 + 15 = 2027-01-05; + 10 = 2026-12-31
    assert (judgment["appeal_deadline"], ruling["appeal_deadline"]) == ("2027-01-05", "2026-12-31")
    events = await outbox_events(ctx, "adr.court.case.decision_issued.v1")
    assert [e["data"]["kind"] for e in events] == ["judgment", "ruling"]
    assert events[0]["data"]["agency_codes"] == ["WJG-SCJ"]


@pytest.mark.clause("M7")
async def test_the_q_and_a_notice_is_generated_as_docx_and_pdf(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    case_id = await a_filed_case(ctx, client)
    decision = await a_decision(client, case_id)

    docx = await client.get(f"/api/v1/decisions/{decision['id']}/qa-notice.docx")
    pdf = await client.get(f"/api/v1/decisions/{decision['id']}/qa-notice.pdf")

    assert docx.status_code == 200 and pdf.status_code == 200
    for text in (docx_text(docx.content), pdf_text(pdf.content)):
        compact = "".join(text.split())
        assert "判后答疑告知书" in compact
        assert "（2026）鄂0503行初1号" in compact
        assert "15日内" in compact and "2027-01-05" in compact
        assert "不影响当事人的上诉权利" in compact


@pytest.mark.clause("M7")
async def test_q_and_a_sessions_are_recorded(ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock) -> None:
    case_id = await a_filed_case(ctx, client)
    decision = await a_decision(client, case_id)
    body = {
        "held_on": "2026-12-24",
        "judge": "赵法官",
        "questions": "为何撤销",
        "answers": "程序违法",
        "party_response": "accepted",
    }

    assert (await client.post(f"/api/v1/decisions/{decision['id']}/qa-sessions", json=body)).status_code == 201
    early = await client.post(f"/api/v1/decisions/{decision['id']}/qa-sessions", json={**body, "held_on": "2026-12-20"})

    assert early.status_code == 422
    [session] = (await client.get(f"/api/v1/cases/{case_id}")).json()["qa_sessions"]
    assert session["party_response"] == "accepted"


@pytest.mark.clause("M7")
async def test_the_sweeper_settles_a_closed_window_once_and_an_appeal_is_recorded_within_it(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    case_id = await a_filed_case(ctx, client)
    unappealed = await a_decision(client, case_id)
    appealed = await a_decision(client, case_id, kind="ruling")

    late = await client.post(
        f"/api/v1/decisions/{appealed['id']}/appeal", json={"appealed_on": "2027-01-04", "appellant_is_agency": True}
    )
    ok = await client.post(
        f"/api/v1/decisions/{appealed['id']}/appeal", json={"appealed_on": "2026-12-30", "appellant_is_agency": True}
    )
    clock.set("2027-01-05")
    on_last_day = (await client.post("/api/v1/sweeps/appeal-windows")).json()["published"]
    clock.set("2027-01-06")
    swept = [(await client.post("/api/v1/sweeps/appeal-windows")).json()["published"] for _ in range(2)]

    assert late.status_code == 422 and "上诉期" in late.json()["detail"]
    assert ok.status_code == 204
    assert (on_last_day, swept) == (0, [1, 0])
    events = await outbox_events(ctx, "adr.court.case.appeal_settled.v1")
    assert [(e["data"]["decision_id"], e["data"]["appealed"]) for e in events] == [
        (appealed["id"], True),
        (unappealed["id"], False),
    ]
    again = await client.post(
        f"/api/v1/decisions/{unappealed['id']}/appeal", json={"appealed_on": "2027-01-05", "appellant_is_agency": False}
    )
    assert again.status_code == 422


@pytest.mark.clause("W3")
async def test_a_confirmation_request_is_ruled_on_once_with_a_numbered_ruling(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    request = an_envelope(confirmation_requested())
    await deliver(ctx, request)
    [waiting] = (await client.get("/api/v1/confirmations", params={"status": "requested"})).json()

    ruled = await client.post(
        f"/api/v1/confirmations/{waiting['agreement_id']}/ruling",
        json={"outcome": "confirmed", "ruled_on": "2026-12-05"},
    )
    twice = await client.post(
        f"/api/v1/confirmations/{waiting['agreement_id']}/ruling",
        json={"outcome": "rejected", "ruled_on": "2026-12-06"},
    )

    assert ruled.json()["ruling_no"] == "（2026）鄂0503诉前调确1号"
    assert twice.status_code == 422
    [event] = await outbox_events(ctx, "adr.court.confirmation.ruled.v1")
    assert (event["data"]["outcome"], event["subject"]) == ("confirmed", str(request.case_id))
    assert event["data"]["mediation_case_id"] == str(request.data.mediation_case_id)


@pytest.mark.clause("M10", "K3", "C5")
async def test_a_suggestion_proposed_from_an_overdue_obligation_is_issued_replied_late_and_published(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    overdue = an_envelope(obligation_overdue())
    await deliver(ctx, overdue)
    [draft] = (await client.get("/api/v1/suggestions", params={"status": "draft"})).json()
    assert (draft["trigger"], draft["agency_code"], draft["case_id"]) == (
        "obligation_overdue",
        "WJG-SCJ",
        str(overdue.case_id),
    )

    issued = await client.post(f"/api/v1/suggestions/{draft['id']}/issue", json={"issued_on": "2026-12-10"})
    replied = await client.post(
        f"/api/v1/suggestions/{draft['id']}/reply",
        json={"replied_on": "2027-02-12", "adopted": True, "measures": "已履行"},
    )

    assert issued.json()["suggestion_no"] == "伍法建〔2026〕1号"
    [event] = await outbox_events(ctx, "adr.court.suggestion.issued.v1")
    assert event["data"]["reply_due_on"] == "2027-02-10"  # two months later
    assert replied.json()["days_late"] == 2
    [reply] = await outbox_events(ctx, "adr.court.suggestion.replied.v1")
    assert (reply["data"]["days_late"], reply["data"]["adopted"]) == (2, True)


@pytest.mark.clause("K3", "C5")
async def test_an_unanswered_suggestion_is_reported_overdue_once(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    draft = await client.post(
        "/api/v1/suggestions",
        json={
            "kind": "comprehensive",
            "agency_code": "WJG-ZJJ",
            "topic_code": "demolition",
            "content": "规范征收程序",
            "related_case_ids": ["0190a0a0-0000-7000-8000-000000000001"],
        },
    )
    suggestion_id = draft.json()["id"]
    await client.post(f"/api/v1/suggestions/{suggestion_id}/issue", json={"issued_on": "2026-09-01", "reply_months": 1})

    clock.set("2026-10-08")  # due 2026-10-08: one month ends on 10-01, inside the National Day holiday
    on_due_day = (await client.post("/api/v1/sweeps/suggestion-replies")).json()["published"]
    clock.set("2026-10-09")
    swept = [(await client.post("/api/v1/sweeps/suggestion-replies")).json()["published"] for _ in range(2)]

    assert (on_due_day, swept) == (0, [1, 0])
    [event] = await outbox_events(ctx, "adr.court.suggestion.overdue.v1")
    assert (event["data"]["agency_code"], event["data"]["reply_due_on"]) == ("WJG-ZJJ", "2026-10-08")
    listed = (await client.get("/api/v1/suggestions")).json()[0]
    assert listed["overdue_noticed_on"] == "2026-10-09"


@pytest.mark.clause("K3")
async def test_the_suggestion_letter_is_generated_and_only_drafts_are_issued(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    suggestion_id = (
        await client.post(
            "/api/v1/suggestions",
            json={
                "kind": "individual",
                "agency_code": "WJG-SCJ",
                "topic_code": "penalty",
                "content": "建议规范罚款裁量",
            },
        )
    ).json()["id"]
    await client.post(f"/api/v1/suggestions/{suggestion_id}/issue", json={"issued_on": "2026-12-01"})

    again = await client.post(f"/api/v1/suggestions/{suggestion_id}/issue", json={"issued_on": "2026-12-02"})
    drop = await client.post(f"/api/v1/suggestions/{suggestion_id}/drop")
    docx = docx_text((await client.get(f"/api/v1/suggestions/{suggestion_id}/letter.docx")).content)
    pdf = "".join(pdf_text((await client.get(f"/api/v1/suggestions/{suggestion_id}/letter.pdf")).content).split())

    assert again.status_code == 409 and drop.status_code == 409
    assert "草拟" in again.json()["detail"]
    for text in (docx, pdf):
        assert "司法建议书" in text and "伍法建〔2026〕1号" in text and "建议规范罚款裁量" in text


@pytest.mark.clause("K3")
async def test_enforcement_applications_are_numbered_and_reviewed(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    created = await client.post(
        "/api/v1/enforcement-reviews",
        json={
            "agency_code": "WJG-ZRZYJ",
            "act_doc_no": "伍自然资罚〔2026〕3号",
            "applied_on": "2026-12-01",
            "accepted_on": "2026-12-03",
        },
    )
    review_id = created.json()["id"]

    ruled = await client.post(
        f"/api/v1/enforcement-reviews/{review_id}/ruling",
        json={"outcome": "refuse", "reasons": "明显缺乏事实根据", "ruled_on": "2026-12-09"},
    )
    twice = await client.post(
        f"/api/v1/enforcement-reviews/{review_id}/ruling",
        json={"outcome": "enforce", "reasons": "x", "ruled_on": "2026-12-10"},
    )

    assert ruled.status_code == 204 and twice.status_code == 422
    [review] = (await client.get("/api/v1/enforcement-reviews")).json()
    assert (review["review_no"], review["review_due_on"], review["outcome"]) == (
        "（2026）鄂0503行审1号",
        "2026-12-10",
        "refuse",
    )


@pytest.mark.clause("M8")
async def test_open_trial_observers_are_invited_and_their_opinions_kept(
    ctx: ServiceContext, client: httpx.AsyncClient, clock: Clock
) -> None:
    case_id = await a_filed_case(ctx, client)

    invited = await client.post(
        f"/api/v1/cases/{case_id}/observations",
        json={"invitee_kind": "npc_deputy", "invitee": "区人大代表刘某", "invited_on": "2026-12-10"},
    )
    bad = await client.post(
        f"/api/v1/cases/{case_id}/observations",
        json={"invitee_kind": "press", "invitee": "记者", "invited_on": "2026-12-10"},
    )
    opinion = await client.post(
        f"/api/v1/observations/{invited.json()['id']}/opinion",
        json={"attended": True, "opinion": "庭审规范", "opinion_on": "2026-12-20"},
    )

    assert bad.status_code == 422 and opinion.status_code == 204
    [observation] = (await client.get(f"/api/v1/cases/{case_id}")).json()["observations"]
    assert (observation["invitee_kind"], observation["opinion"]) == ("npc_deputy", "庭审规范")
