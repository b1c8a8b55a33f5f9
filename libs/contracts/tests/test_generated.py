"""The committed JSON Schemas and AsyncAPI document are exactly what the contracts generate."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from adr_contracts import registry
from adr_contracts.asyncapi import build_asyncapi, channel_id, operation_id
from adr_contracts.base import ContractModel
from adr_contracts.export import ASYNCAPI_FILE, PACKAGE_ROOT, generated_files, main
from adr_contracts.schema_docs import schema_file_name, schema_text
from adr_contracts.subjects import durable_name, parse_subject, stream_name
from adr_contracts.testing import an_envelope
from adr_contracts.yaml_text import to_yaml

CONTRACTS = sorted(registry.ALL, key=lambda c: c.SUBJECT)
CHANGED = (
    "{path} is not what the contract generates. If the contract change is intended, run `make contracts` "
    "(uv run adr-contracts write), review the diff as a contract change (STYLE.md B.5: a breaking change "
    "needs a new version) and record it in libs/contracts/CHANGELOG.md."
)


def _committed(relative: str) -> str:
    path = PACKAGE_ROOT / relative
    assert path.is_file(), CHANGED.format(path=relative)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_committed_schema_matches_the_contract(contract: type[ContractModel]) -> None:
    relative = f"schemas/{schema_file_name(contract)}"

    assert _committed(relative) == schema_text(contract), CHANGED.format(path=relative)


def test_committed_asyncapi_matches_the_registry() -> None:
    assert _committed(ASYNCAPI_FILE) == to_yaml(build_asyncapi()), CHANGED.format(path=ASYNCAPI_FILE)


def test_no_committed_schema_lacks_a_contract() -> None:
    committed = {p.name for p in (PACKAGE_ROOT / "schemas").glob("*.json")}

    assert committed == {schema_file_name(c) for c in registry.ALL}


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_schema_carries_subject_audience_and_personal_data_marks(contract: type[ContractModel]) -> None:
    schema = json.loads(_committed(f"schemas/{schema_file_name(contract)}"))

    assert schema["$id"] == contract.SUBJECT
    assert schema["x-audience"] == sorted(contract.AUDIENCE)
    assert schema["x-pii-fields"] == contract.pii_fields()
    assert schema["x-pii-reason"] == contract.PII_REASON
    assert schema["x-summary"] == contract.SUMMARY
    assert {"id", "source", "type", "time", "correlationid", "data"} <= set(schema["required"])


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_schema_accepts_the_wire_document(contract: type[ContractModel]) -> None:
    schema = json.loads(_committed(f"schemas/{schema_file_name(contract)}"))

    jsonschema.Draft202012Validator(schema).validate(json.loads(an_envelope(contract).to_json()))


@pytest.mark.parametrize(
    ("path", "value"), [(("data", "applicant_count"), 0), (("data", "channel"), "fax"), (("time",), 5)]
)
def test_schema_rejects_an_invalid_document(path: tuple[str, ...], value: Any) -> None:
    contract = registry.contract_for("adr.intake.dispute.registered.v1")
    schema = json.loads(_committed(f"schemas/{schema_file_name(contract)}"))
    document = json.loads(an_envelope(contract).to_json())
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_asyncapi_yaml_reads_back_as_the_generated_document() -> None:
    assert yaml.safe_load(_committed(ASYNCAPI_FILE)) == build_asyncapi()


def test_asyncapi_has_one_channel_and_message_per_contract() -> None:
    document = build_asyncapi()

    for contract in registry.ALL:
        channel = document["channels"][channel_id(contract)]
        message = document["components"]["messages"][channel_id(contract)]
        assert channel["address"] == contract.SUBJECT
        assert channel["x-stream"] == stream_name(parse_subject(contract.SUBJECT).producer)
        assert message["contentType"] == "application/cloudevents+json"
        assert message["x-audience"] == sorted(contract.AUDIENCE)
    assert len(document["channels"]) == len(registry.ALL)


def test_asyncapi_has_a_send_for_the_producer_and_a_receive_per_reader() -> None:
    operations = build_asyncapi()["operations"]
    expected = set()
    for contract in registry.ALL:
        expected.add(operation_id(parse_subject(contract.SUBJECT).producer, "send", contract))
        expected.update(operation_id(reader, "receive", contract) for reader in contract.AUDIENCE)

    assert set(operations) == expected
    send = operations["intake_send_dispute_registered_v1"]
    receive = operations["reporting_receive_intake_dispute_registered_v1"]
    assert (send["action"], send["x-service"]) == ("send", "intake")
    assert (receive["action"], receive["x-service"]) == ("receive", "reporting")
    assert receive["x-durable"] == durable_name("reporting", "adr.intake.dispute.registered.v1")
    assert receive["channel"] == send["channel"] == {"$ref": "#/channels/adr_intake_dispute_registered_v1"}


def test_every_asyncapi_reference_resolves() -> None:
    document = build_asyncapi()
    refs = _refs(document)

    assert refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        node: Any = document
        for token in ref[2:].split("/"):
            node = node[token]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


def test_check_passes_after_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["write", "--root", str(tmp_path)]) == 0

    assert main(["check", "--root", str(tmp_path)]) == 0
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.*")) == sorted(generated_files())
    assert f"all {len(generated_files())} generated files match" in capsys.readouterr().out


def test_check_names_every_changed_missing_and_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["write", "--root", str(tmp_path)])
    changed = tmp_path / "schemas" / "adr.intake.dispute.registered.v1.json"
    changed.write_text(changed.read_text(encoding="utf-8").replace('"minimum": 1', '"minimum": 0'), encoding="utf-8")
    (tmp_path / ASYNCAPI_FILE).unlink()
    (tmp_path / "schemas" / "adr.intake.dispute.vanished.v1.json").write_text("{}\n", encoding="utf-8")
    capsys.readouterr()

    assert main(["check", "--root", str(tmp_path)]) == 1

    errors = capsys.readouterr().err
    assert "schemas/adr.intake.dispute.registered.v1.json: differs" in errors
    assert "asyncapi.yaml: missing" in errors
    assert "schemas/adr.intake.dispute.vanished.v1.json: stale" in errors
    assert "make contracts" in errors


def test_write_restores_the_generated_files_and_removes_stale_ones(tmp_path: Path) -> None:
    main(["write", "--root", str(tmp_path)])
    (tmp_path / ASYNCAPI_FILE).write_text("asyncapi: 3.0.0\n", encoding="utf-8")
    stale = tmp_path / "schemas" / "adr.intake.dispute.vanished.v1.json"
    stale.write_text("{}\n", encoding="utf-8")

    assert main(["write", "--root", str(tmp_path)]) == 0

    assert not stale.exists()
    assert main(["check", "--root", str(tmp_path)]) == 0


def test_committed_files_pass_the_check_command() -> None:
    assert main(["check"]) == 0


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_changelog_records_every_contract(contract: type[ContractModel]) -> None:
    changelog = (PACKAGE_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")

    assert f"`{contract.SUBJECT}`" in changelog, f"record {contract.SUBJECT} in libs/contracts/CHANGELOG.md"
