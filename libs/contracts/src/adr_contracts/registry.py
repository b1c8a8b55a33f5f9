"""Every published contract, looked up by subject; parsing of raw messages."""

from typing import Any, Final

from adr_contracts import court, intake, mediation, procuratorate, receipts, reporting
from adr_contracts.base import ContractModel, Envelope, envelope_class
from adr_contracts.services import ServiceName
from adr_contracts.subjects import parse_subject

# Each producer's module lists its contracts in CONTRACTS; the registry is their union.
ALL: Final[tuple[type[ContractModel], ...]] = (
    *intake.CONTRACTS,
    *mediation.CONTRACTS,
    *court.CONTRACTS,
    *procuratorate.CONTRACTS,
    *reporting.CONTRACTS,
    *receipts.CONTRACTS,
)

BY_SUBJECT: Final[dict[str, type[ContractModel]]] = {c.SUBJECT: c for c in ALL}


class UnknownSubject(LookupError):
    """No contract is registered for a subject."""


def contract_for(subject: str) -> type[ContractModel]:
    """The payload class of a subject.

    Args:
        subject: a contract subject.

    Raises:
        UnknownSubject: when no contract has that subject.
    """
    try:
        return BY_SUBJECT[subject]
    except KeyError:
        raise UnknownSubject(subject) from None


def parse(subject: str, data: bytes | str | dict[str, Any]) -> Envelope[ContractModel]:
    """Validates a raw message against the contract of its subject.

    Args:
        subject: the NATS subject the message arrived on.
        data: the CloudEvents JSON document.

    Raises:
        UnknownSubject: no contract for the subject.
        pydantic.ValidationError: the document does not match the contract.
    """
    model = envelope_class(contract_for(subject))  # built once per contract (see envelope_class)
    if isinstance(data, dict):
        return model.model_validate(data)
    return model.model_validate_json(data)


def produced_by(service: ServiceName) -> list[type[ContractModel]]:
    """The contracts a service publishes.

    Args:
        service: the producing service.
    """
    return [c for c in ALL if parse_subject(c.SUBJECT).producer == service]


def read_by(service: ServiceName, *, with_receipts: bool = False) -> list[type[ContractModel]]:
    """The contracts whose audience includes a service (each one is a durable consumer).

    The receipts addressed to a service are read by the shared runtime, not by the service's own
    handlers, so they are left out unless asked for (bus permissions need them).

    Args:
        service: the reading service.
        with_receipts: also the hand-off receipts addressed to it.
    """
    return [c for c in ALL if service in c.AUDIENCE and (with_receipts or not receipts.is_receipt(c.SUBJECT))]
