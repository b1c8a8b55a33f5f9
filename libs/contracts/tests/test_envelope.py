"""The CloudEvents envelope on the wire: round trip, required attributes, tolerant reading, rejection."""

import gc
import json
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from adr_contracts import envelope_class, envelope_for, registry
from adr_contracts.base import ContractModel
from adr_contracts.intake import DisputeRegisteredV1, DisputeRoutedV1
from adr_contracts.testing import CASE_ID, an_envelope

CONTRACTS = sorted(registry.ALL, key=lambda c: c.SUBJECT)
CLOUDEVENTS_ATTRIBUTES = ("specversion", "id", "source", "type", "subject", "time", "datacontenttype")
PYTHON_NAMES = ("event_id", "event_type", "case_id", "occurred_at", "correlation_id", "causation_id")


def _wire(contract: type[ContractModel]) -> dict[str, Any]:
    return dict(json.loads(an_envelope(contract).to_json()))


@pytest.mark.clause("R2")
@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_envelope_survives_the_wire_unchanged(contract: type[ContractModel]) -> None:
    envelope = an_envelope(contract)

    parsed = registry.parse(contract.SUBJECT, envelope.to_json())

    assert parsed == envelope
    assert type(parsed.data) is contract


@pytest.mark.clause("R2")
@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_wire_document_uses_cloudevents_names(contract: type[ContractModel]) -> None:
    document = _wire(contract)

    assert set(CLOUDEVENTS_ATTRIBUTES) <= set(document)
    assert {"correlationid", "causationid", "traceparent", "data"} <= set(document)
    assert not set(PYTHON_NAMES) & set(document)
    assert document["specversion"] == "1.0"
    assert document["type"] == contract.SUBJECT
    assert document["subject"] == str(CASE_ID)
    assert document["datacontenttype"] == "application/json"


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_source_names_the_producer(contract: type[ContractModel]) -> None:
    token = contract.SUBJECT.split(".")[1]

    assert _wire(contract)["source"] == f"/adr/{token}"


def test_time_is_written_in_utc_with_its_zone() -> None:
    assert _wire(DisputeRegisteredV1)["time"] == "2026-11-28T09:30:15.123456Z"


def test_reference_data_event_has_no_subject_attribute() -> None:
    document = json.loads(an_envelope(DisputeRegisteredV1, case_id=None).to_json())

    assert "subject" not in document
    assert registry.parse(DisputeRegisteredV1.SUBJECT, document).case_id is None


def test_parse_accepts_a_decoded_document() -> None:
    envelope = an_envelope(DisputeRoutedV1)

    assert registry.parse(DisputeRoutedV1.SUBJECT, json.loads(envelope.to_json())) == envelope


@pytest.mark.clause("R2")
def test_reader_ignores_fields_added_by_a_newer_producer() -> None:
    document = _wire(DisputeRegisteredV1)
    document["dataschema"] = "https://example.org/future"
    document["data"]["added_in_a_later_minor_change"] = {"nested": [1, 2]}

    parsed = registry.parse(DisputeRegisteredV1.SUBJECT, json.dumps(document))

    assert parsed == an_envelope(DisputeRegisteredV1)
    assert "added_in_a_later_minor_change" not in parsed.data.model_dump()


def test_parse_rejects_a_subject_without_contract() -> None:
    with pytest.raises(registry.UnknownSubject):
        registry.parse("adr.intake.dispute.vanished.v1", an_envelope(DisputeRegisteredV1).to_json())


def test_parse_rejects_a_document_sent_on_another_contracts_subject() -> None:
    with pytest.raises(ValidationError) as caught:
        registry.parse(DisputeRoutedV1.SUBJECT, an_envelope(DisputeRegisteredV1).to_json())

    assert {error["loc"][:2] for error in caught.value.errors()} >= {("data", "route")}


def test_parse_rejects_malformed_json() -> None:
    with pytest.raises(ValidationError) as caught:
        registry.parse(DisputeRegisteredV1.SUBJECT, b'{"specversion": "1.0", "id": ')

    assert caught.value.errors()[0]["type"] == "json_invalid"


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("specversion", "0.3"), ("time", "2026-11-28T09:30:15"), ("id", "not-a-uuid"), ("datacontenttype", "text/xml")],
)
def test_parse_rejects_an_invalid_cloudevents_attribute(attribute: str, value: str) -> None:
    document = _wire(DisputeRegisteredV1)
    document[attribute] = value

    with pytest.raises(ValidationError) as caught:
        registry.parse(DisputeRegisteredV1.SUBJECT, document)

    assert caught.value.errors()[0]["loc"][0] == attribute


@pytest.mark.parametrize("attribute", ["id", "source", "type", "time", "correlationid", "data"])
def test_parse_rejects_a_document_missing_a_required_attribute(attribute: str) -> None:
    document = _wire(DisputeRegisteredV1)
    del document[attribute]

    with pytest.raises(ValidationError):
        registry.parse(DisputeRegisteredV1.SUBJECT, document)


def test_payload_is_immutable() -> None:
    payload = an_envelope(DisputeRegisteredV1).data

    with pytest.raises(ValidationError):
        payload.applicant_count = 2  # type: ignore[misc]


def test_the_parametrised_envelope_class_is_built_once_per_payload_type() -> None:
    first = envelope_class(DisputeRoutedV1)
    gc.collect()  # pydantic's own cache of parametrised generics is weak; this one must survive it

    assert envelope_class(DisputeRoutedV1) is first
    assert envelope_class(DisputeRegisteredV1) is not first
    payload = an_envelope(DisputeRoutedV1).data
    assert type(envelope_for(payload, case_id=CASE_ID, correlation_id=uuid.uuid4())) is first
    assert type(registry.parse(DisputeRoutedV1.SUBJECT, an_envelope(DisputeRoutedV1).to_json())) is first
