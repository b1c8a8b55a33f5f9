"""The JSON Schema of each contract's full envelope, as committed under ``schemas/``."""

import json
from typing import Any

from adr_contracts.base import ContractModel, Envelope

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def contract_extensions(contract: type[ContractModel]) -> dict[str, Any]:
    """The ``x-`` annotations every document about a contract carries.

    Args:
        contract: a registered payload class.
    """
    return {
        "x-audience": sorted(contract.AUDIENCE),
        "x-pii-fields": contract.pii_fields(),
        "x-pii-reason": contract.PII_REASON,
        "x-summary": contract.SUMMARY,
    }


def envelope_schema(contract: type[ContractModel]) -> dict[str, Any]:
    """The JSON Schema (2020-12) of ``Envelope[contract]`` with the wire (CloudEvents) names.

    Args:
        contract: a registered payload class.
    """
    schema: dict[str, Any] = Envelope[contract].model_json_schema(by_alias=True)  # type: ignore[valid-type]
    schema.update(contract_extensions(contract))
    schema["$id"] = contract.SUBJECT
    schema["$schema"] = JSON_SCHEMA_DIALECT
    return schema


def schema_file_name(contract: type[ContractModel]) -> str:
    """``<subject>.json``, the file under ``schemas/`` that holds the contract's schema.

    Args:
        contract: a registered payload class.
    """
    return f"{contract.SUBJECT}.json"


def schema_text(contract: type[ContractModel]) -> str:
    """The committed text of a contract's schema: sorted keys, indent 2, UTF-8, final newline.

    Args:
        contract: a registered payload class.
    """
    return json.dumps(envelope_schema(contract), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
