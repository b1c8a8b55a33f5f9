"""The shared-records API on SQLite and PostgreSQL, fed through the subscription handler."""

import hashlib
from typing import Any
from uuid import uuid4

import httpx
import pytest

from adr_contracts import Envelope
from adr_contracts.court import CaseFiledV1
from adr_procuratorate_bridge.messaging.subscriptions import SHARED_CONTRACTS
from adr_procuratorate_bridge.spec import SPEC
from adr_runtime.context import ServiceContext

from ..builders import StepClock, a_registration, a_shared

pytestmark = [pytest.mark.integration, pytest.mark.clause("P2")]


async def deliver(ctx: ServiceContext, *envelopes: Envelope[Any]) -> None:
    """Applies each event in its own transaction, as the consumer does (the clock steps a minute each)."""
    ctx.extras["clock"] = StepClock()
    handlers = {s.contract.SUBJECT: s.handler for s in SPEC.subscriptions(ctx)}
    for envelope in envelopes:
        async with ctx.sessions() as session, session.begin():
            await handlers[envelope.event_type](session, envelope)


async def test_shared_registration_is_kept_with_the_digest_of_the_message(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    envelope = a_registration()
    await deliver(ctx, envelope)

    [record] = (await client.get("/api/v1/shared-records")).json()["items"]

    assert record["event_id"] == str(envelope.event_id) and record["case_id"] == str(envelope.case_id)
    assert record["subject"] == "adr.intake.dispute.registered.v1"
    assert (record["registration_no"], record["channel"], record["act_type"]) == (
        "WJG-2026-000042", "procuratorate_referral", "penalty"
    )
    assert record["agency_codes"] == ["WJG-SCJ", "WJG-ZJJ"]
    assert record["sha256"] == hashlib.sha256(envelope.to_json()).hexdigest()
    assert record["kind"] == "registration" and record["facts"]["applicant_count"] == 2


@pytest.mark.parametrize("contract", SHARED_CONTRACTS, ids=lambda c: c.__name__)
async def test_every_shared_contract_is_kept_with_a_receipt_on_its_digest(
    ctx: ServiceContext, client: httpx.AsyncClient, contract: Any
) -> None:
    envelope = a_shared(contract)
    await deliver(ctx, envelope)

    [record] = (await client.get("/api/v1/shared-records")).json()["items"]
    receipt = await client.get(f"/api/v1/receipts/{record['receipt_id']}")

    digest = hashlib.sha256(envelope.to_json()).hexdigest()
    assert (record["subject"], record["case_id"], record["sha256"]) == (
        contract.SUBJECT, str(envelope.case_id), digest
    )
    assert record["facts"] == envelope.data.model_dump(mode="json")
    assert receipt.status_code == 200
    assert receipt.json() | {"issued_at": None} == {
        "receipt_id": record["receipt_id"], "event_id": str(envelope.event_id), "subject": contract.SUBJECT,
        "kind": record["kind"], "case_id": str(envelope.case_id), "sha256": digest, "issued_at": None,
    }


async def test_records_filter_by_kind(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    registration, filing = a_registration(), a_shared(CaseFiledV1)
    await deliver(ctx, registration, filing)

    filed = (await client.get("/api/v1/shared-records", params={"kind": "case_filed"})).json()
    unknown = await client.get("/api/v1/shared-records", params={"kind": "applicants"})

    assert [r["event_id"] for r in filed["items"]] == [str(filing.event_id)]
    assert filed["items"][0]["agency_codes"] == ["WJG-SCJ"]
    assert unknown.status_code == 422 and [e["field"] for e in unknown.json()["errors"]] == ["kind"]


async def test_an_unknown_receipt_is_a_problem_in_chinese(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/api/v1/receipts/{uuid4()}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith("未找到回执")


async def test_records_hold_no_personal_data(ctx: ServiceContext, client: httpx.AsyncClient) -> None:
    await deliver(ctx, a_registration())

    [record] = (await client.get("/api/v1/shared-records")).json()["items"]

    assert not {"applicants", "name", "id_no", "phone", "claims_summary"} & set(record)


async def test_records_list_newest_received_first_and_filter_by_dispute(
    ctx: ServiceContext, client: httpx.AsyncClient
) -> None:
    first, second, third = (a_registration(no=f"WJG-2026-00000{n}") for n in (1, 2, 3))
    await deliver(ctx, first, second, third)

    page = (await client.get("/api/v1/shared-records", params={"limit": 2})).json()
    only = (await client.get("/api/v1/shared-records", params={"case_id": str(first.case_id)})).json()

    assert page["total"] == 3
    assert [r["registration_no"] for r in page["items"]] == ["WJG-2026-000003", "WJG-2026-000002"]
    assert [r["event_id"] for r in only["items"]] == [str(first.event_id)]


async def test_an_invalid_filter_is_a_problem_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/shared-records", params={"case_id": "not-a-uuid", "limit": 1})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["case_id"]


async def test_no_records_before_anything_is_shared(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/shared-records", params={"case_id": str(uuid4())})).json() == {
        "items": [], "total": 0
    }
