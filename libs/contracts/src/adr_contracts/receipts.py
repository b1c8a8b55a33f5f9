"""Hand-off receipts (issue #10): the consumer's signed proof of exactly what it received from a producer.

When a service applies an event another institution published, it publishes a receipt into its own
stream, addressed to that producer only: ``adr.<consumer>.receipt.for_<producer>.v1``. The receipt
carries the SHA-256 of the exact message body received, so the producer can later prove that the
hand-off happened and that what arrived is what it sent. Receipts hold ids, names and hashes only,
never personal data, and are never themselves receipted.

One contract class exists for each (consumer, producer) pair in which the consumer reads at least one
of the producer's contracts; the pairs are derived from the other contracts' audiences, so a new
reader gets its receipt contract without further work.
"""

from typing import ClassVar, Final
from uuid import UUID

from pydantic import AwareDatetime, Field

from adr_contracts import court, intake, mediation, procuratorate, reporting
from adr_contracts.base import ContractModel
from adr_contracts.services import PRODUCER_TOKEN, SERVICES, ServiceName
from adr_contracts.subjects import ROOT, parse_subject

AGGREGATE: Final = "receipt"

_HANDED_OFF: Final[tuple[type[ContractModel], ...]] = (
    *intake.CONTRACTS,
    *mediation.CONTRACTS,
    *court.CONTRACTS,
    *procuratorate.CONTRACTS,
    *reporting.CONTRACTS,
)


class HandoffReceipt(ContractModel):
    """A consumer's receipt for one event it applied, addressed to the event's producer.

    The concrete classes (one per consumer and producer) only fix the subject and the audience.
    """

    SUMMARY: ClassVar[str] = "交接回执：已收到对方发布的事件，附所收报文的 SHA-256"

    event_id: UUID = Field(description="The id of the event received (its CloudEvents id)")
    event_subject: str = Field(description="The subject the event was received on")
    producer: ServiceName = Field(description="The service that published the event")
    consumer: ServiceName = Field(description="The service that received and applied it")
    durable: str = Field(description="The durable consumer that received it")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 (hex) of the exact message body received")
    received_at: AwareDatetime = Field(description="When the consumer applied it")


def receipt_subject(consumer: ServiceName, producer: ServiceName) -> str:
    """The subject of the receipts ``consumer`` issues to ``producer``.

    Args:
        consumer: the service that received the event (and publishes the receipt).
        producer: the service that published the event (the receipt's only reader).
    """
    return f"{ROOT}.{PRODUCER_TOKEN[consumer]}.{AGGREGATE}.for_{PRODUCER_TOKEN[producer]}.v1"


def handoff_pairs() -> list[tuple[ServiceName, ServiceName]]:
    """Every (consumer, producer) pair in which the consumer reads some contract of the producer."""
    found: set[tuple[ServiceName, ServiceName]] = set()
    for contract in _HANDED_OFF:
        producer = parse_subject(contract.SUBJECT).producer
        found.update((reader, producer) for reader in contract.AUDIENCE if reader != producer)
    order = {name: i for i, name in enumerate(SERVICES)}
    return sorted(found, key=lambda pair: (order[pair[0]], order[pair[1]]))


def _class_name(consumer: ServiceName, producer: ServiceName) -> str:
    def camel(service: ServiceName) -> str:
        return "".join(part.capitalize() for part in PRODUCER_TOKEN[service].split("_"))

    return f"{camel(consumer)}ReceiptFor{camel(producer)}V1"


def _receipt_contract(consumer: ServiceName, producer: ServiceName) -> type[HandoffReceipt]:
    namespace = {
        "__module__": __name__,
        "__doc__": f"{consumer}'s receipt for an event published by {producer}.",
        "__annotations__": {"SUBJECT": ClassVar[str], "AUDIENCE": ClassVar[frozenset[ServiceName]]},
        "SUBJECT": receipt_subject(consumer, producer),
        "AUDIENCE": frozenset({producer}),
    }
    return type(_class_name(consumer, producer), (HandoffReceipt,), namespace)


CONTRACTS: tuple[type[ContractModel], ...] = tuple(_receipt_contract(c, p) for c, p in handoff_pairs())

RECEIPT_SUBJECTS: Final[frozenset[str]] = frozenset(c.SUBJECT for c in CONTRACTS)


def is_receipt(subject: str) -> bool:
    """True for a receipt's subject (receipts are never receipted in turn).

    Args:
        subject: a contract subject.
    """
    return subject in RECEIPT_SUBJECTS


def receipts_addressed_to(producer: ServiceName) -> list[type[ContractModel]]:
    """The receipt contracts a producer reads: one per service that reads any of its contracts.

    Args:
        producer: the service that published the events being receipted.
    """
    return [c for c in CONTRACTS if producer in c.AUDIENCE]


def receipt_contract(consumer: ServiceName, producer: ServiceName) -> type[ContractModel] | None:
    """The receipt contract for a pair, or None when the consumer reads nothing of the producer.

    Args:
        consumer: the receiving service.
        producer: the publishing service.
    """
    subject = receipt_subject(consumer, producer)
    return next((c for c in CONTRACTS if subject == c.SUBJECT), None)


__all__ = [
    "CONTRACTS",
    "HandoffReceipt",
    "handoff_pairs",
    "is_receipt",
    "receipt_contract",
    "receipt_subject",
    "receipts_addressed_to",
]
