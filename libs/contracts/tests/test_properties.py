"""Property tests: any valid payload survives the wire and matches its committed JSON Schema."""

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from adr_contracts import envelope_for, registry
from adr_contracts.base import ContractModel
from adr_contracts.intake import DisputeRegisteredV1, FilingReviewCompletedV1
from adr_contracts.mediation import AgreementReachedV1
from adr_contracts.vocabulary import Channel

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"

codes = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=20)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
zones = st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))])
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=zones)

registered = st.builds(
    DisputeRegisteredV1,
    registration_no=st.text(min_size=1, max_size=40),
    channel=st.sampled_from(Channel),
    received_on=days,
    agency_codes=st.lists(codes, max_size=5),
    act_type=codes,
    applicant_count=st.integers(min_value=1, max_value=10_000),
)
reviewed = st.builds(
    FilingReviewCompletedV1,
    checks=st.lists(st.builds(FilingReviewCompletedV1.CheckOutcome, basis=st.text(max_size=30)), max_size=8),
    filing_deadline=st.none() | days,
    mediable=st.none() | st.booleans(),
)
agreed = st.builds(
    AgreementReachedV1,
    obligation_count=st.integers(min_value=0, max_value=100),
    total_amount_fen=st.none() | st.integers(min_value=0, max_value=10**15),
)


def _schema(contract: type[ContractModel]) -> dict[str, Any]:
    return dict(json.loads((SCHEMAS / f"{contract.SUBJECT}.json").read_text(encoding="utf-8")))


def _round_trip(payload: ContractModel, occurred_at: datetime, case_id: UUID | None) -> None:
    envelope = envelope_for(payload, case_id=case_id, correlation_id=uuid4(), occurred_at=occurred_at)
    wire = envelope.to_json()

    assert registry.parse(payload.SUBJECT, wire) == envelope
    validator = jsonschema.Draft202012Validator(_schema(type(payload)), format_checker=jsonschema.FormatChecker())
    validator.validate(json.loads(wire))


@given(payload=registered, occurred_at=moments, case_id=st.none() | st.uuids())
def test_any_registered_dispute_round_trips_and_fits_its_schema(payload: Any, occurred_at: Any, case_id: Any) -> None:
    _round_trip(payload, occurred_at, case_id)


@given(payload=reviewed, occurred_at=moments, case_id=st.uuids())
def test_any_filing_review_round_trips_and_fits_its_schema(payload: Any, occurred_at: Any, case_id: Any) -> None:
    _round_trip(payload, occurred_at, case_id)


@given(payload=agreed, occurred_at=moments, case_id=st.uuids())
def test_any_agreement_round_trips_and_fits_its_schema(payload: Any, occurred_at: Any, case_id: Any) -> None:
    _round_trip(payload, occurred_at, case_id)
