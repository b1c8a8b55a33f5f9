"""The AsyncAPI project's own parser (npm @asyncapi/parser) accepts the generated document.

Needs ``node`` and ``npm ci`` in libs/contracts/asyncapi-check; skips otherwise (fails under
``ADR_REQUIRE_REAL_INFRA=1``, as in CI, which installs them).
"""

import shutil
import subprocess
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic import Field

from adr_contracts import registry
from adr_contracts.asyncapi import build_asyncapi
from adr_contracts.base import PII, ContractModel
from adr_contracts.export import ASYNCAPI_FILE, PACKAGE_ROOT
from adr_contracts.services import ServiceName
from adr_contracts.yaml_text import to_yaml
from adr_runtime.testing.infra import require_or_skip

CHECKER = PACKAGE_ROOT / "asyncapi-check"


def _validate(document: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        require_or_skip("node is not installed; the AsyncAPI parser runs on Node.js 20")
    if not (CHECKER / "node_modules" / "@asyncapi" / "parser").is_dir():
        require_or_skip("the AsyncAPI parser is not installed: run `npm ci` in libs/contracts/asyncapi-check")
    command = [str(node), str(CHECKER / "validate.mjs"), str(document)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_committed_asyncapi_document_is_valid() -> None:
    result = _validate(PACKAGE_ROOT / ASYNCAPI_FILE)

    assert result.returncode == 0, result.stderr
    assert "valid AsyncAPI 3.0.0 (0 warning(s))" in result.stdout


def test_validator_fails_on_a_reference_to_nothing(tmp_path: Path) -> None:
    text = (PACKAGE_ROOT / ASYNCAPI_FILE).read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("#/components/schemas/Envelope_", "#/components/schemas/Missing_", 1), "utf-8")

    result = _validate(broken)

    assert result.returncode == 1
    assert "error invalid-ref" in result.stderr
    assert "INVALID" in result.stderr


def test_validator_fails_on_a_wrong_operation_action(tmp_path: Path) -> None:
    text = (PACKAGE_ROOT / ASYNCAPI_FILE).read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("action: receive", "action: subscribe", 1), "utf-8")

    result = _validate(broken)

    assert result.returncode == 1
    assert '"action" property must be equal to one of the allowed values' in result.stderr


class _Party(ContractModel):
    name: str = Field(json_schema_extra=PII)
    phone: str | None = Field(default=None, json_schema_extra=PII)


class _PartiesServedV1(ContractModel):
    """Litigation materials were served on the parties."""

    SUBJECT: ClassVar[str] = "adr.court.case.parties_served.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"mediation"})
    PII_REASON: ClassVar[str | None] = "Mediators contact the parties the court served"
    SUMMARY: ClassVar[str] = "诉讼材料已送达当事人"

    parties: list[_Party]


@pytest.mark.clause("P2")
def test_personal_data_marks_survive_into_a_valid_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "ALL", (*registry.ALL, _PartiesServedV1))
    document = build_asyncapi()
    path = tmp_path / "asyncapi.yaml"
    path.write_text(to_yaml(document), encoding="utf-8")

    result = _validate(path)

    assert result.returncode == 0, result.stderr
    message = document["components"]["messages"]["adr_court_case_parties_served_v1"]
    assert message["x-pii-fields"] == ["parties.name", "parties.phone"]
    assert message["x-pii-reason"] == _PartiesServedV1.PII_REASON
    assert document["components"]["schemas"]["_Party"]["properties"]["name"]["x-pii"] is True
