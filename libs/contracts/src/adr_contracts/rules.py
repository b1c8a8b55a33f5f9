"""The rules every published contract follows (naming, audience, personal data; DESIGN.md §3–§4)."""

from typing import Final

from adr_contracts.base import ContractModel
from adr_contracts.services import SERVICES, ServiceName
from adr_contracts.subjects import parse_subject

NO_PERSONAL_DATA: Final[frozenset[ServiceName]] = frozenset({"reporting", "procuratorate-bridge"})
"""Services that may never be in the audience of a contract carrying personal data."""


def contract_problems(contract: type[ContractModel]) -> list[str]:
    """Every rule a contract breaks, one sentence each (an empty list when it follows them all).

    Args:
        contract: a payload class meant to be published.
    """
    name = contract.__name__
    problems: list[str] = []
    try:
        parse_subject(contract.SUBJECT)
    except ValueError as exc:
        problems.append(f"{name}: {exc}")
    if not contract.AUDIENCE:
        problems.append(f"{name}: AUDIENCE is empty; every contract names the services that may read it")
    unknown = sorted(set(contract.AUDIENCE) - set(SERVICES))
    if unknown:
        problems.append(f"{name}: AUDIENCE names unknown services {unknown}")
    problems.extend(personal_data_problems(contract))
    return problems


def personal_data_problems(contract: type[ContractModel]) -> list[str]:
    """The personal-data rules a contract breaks: a reason is given, and no barred reader.

    Args:
        contract: a payload class meant to be published.
    """
    fields = contract.pii_fields()
    if not fields:
        return []
    name = contract.__name__
    problems: list[str] = []
    if not (contract.PII_REASON or "").strip():
        problems.append(f"{name}: fields {fields} hold personal data but PII_REASON does not say why")
    barred = sorted(set(contract.AUDIENCE) & NO_PERSONAL_DATA)
    if barred:
        problems.append(f"{name}: fields {fields} hold personal data, which {barred} may not read")
    return problems
