"""The shared envelope (CloudEvents 1.0, structured JSON mode) and the base of every payload."""

from datetime import UTC, datetime
from typing import Any, ClassVar, Generic, Literal, TypeVar
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from adr_contracts.services import PRODUCER_TOKEN, ServiceName
from adr_contracts.subjects import parse_subject

PII: dict[str, Any] = {"x-pii": True}
"""Marks a field that holds personal data: ``Field(json_schema_extra=PII)``."""


class ContractModel(BaseModel):
    """Base of every payload: immutable, tolerant of fields added by newer producers.

    Subclasses that are published declare ``SUBJECT`` (the versioned subject), ``AUDIENCE``
    (the services entitled to read it, each of which holds a durable consumer) and, when
    any field is marked personal data, ``PII_REASON`` (why every reader needs it).
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    SUBJECT: ClassVar[str] = ""
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset()
    PII_REASON: ClassVar[str | None] = None
    SUMMARY: ClassVar[str] = ""

    @classmethod
    def pii_fields(cls) -> list[str]:
        """Names of the fields, at any depth, marked as personal data."""
        found: list[str] = []
        for name, info in cls.model_fields.items():
            extra = info.json_schema_extra
            if isinstance(extra, dict) and extra.get("x-pii"):
                found.append(name)
            annotation = info.annotation
            for nested in _contract_types(annotation):
                found.extend(f"{name}.{inner}" for inner in nested.pii_fields())
        return found


def _contract_types(annotation: Any) -> list[type[ContractModel]]:
    """The ContractModel classes mentioned in a type annotation (list[X], X | None, ...)."""
    if isinstance(annotation, type) and issubclass(annotation, ContractModel):
        return [annotation]
    found: list[type[ContractModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_contract_types(arg))
    return found


P = TypeVar("P", bound=ContractModel)


class Envelope(BaseModel, Generic[P]):
    """One event on the bus, as a CloudEvents 1.0 structured-mode JSON document.

    Python names are readable; the wire names are the CloudEvents attributes (``id``,
    ``type``, ``subject``, ``time``) and the extensions ``correlationid``, ``causationid``
    and ``traceparent``. ``subject`` carries the ``case_id`` the event is about.
    """

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True, serialize_by_alias=True)

    specversion: Literal["1.0"] = "1.0"
    event_id: UUID = Field(alias="id")
    source: str
    event_type: str = Field(alias="type")
    case_id: UUID | None = Field(default=None, alias="subject")
    occurred_at: AwareDatetime = Field(alias="time")
    datacontenttype: Literal["application/json"] = "application/json"
    correlation_id: UUID = Field(alias="correlationid")
    causation_id: UUID | None = Field(default=None, alias="causationid")
    traceparent: str | None = None
    data: P

    @property
    def nats_subject(self) -> str:
        """The NATS subject this event travels on (its ``type``)."""
        return self.event_type

    def to_json(self) -> bytes:
        """Serialises with the CloudEvents attribute names."""
        return self.model_dump_json(by_alias=True, exclude_none=True).encode()


_ENVELOPE_CLASSES: dict[type[ContractModel], type[Envelope[Any]]] = {}


def envelope_class(payload_type: type[P]) -> type[Envelope[P]]:
    """``Envelope[payload_type]``, built once per payload type and kept for the process's life.

    Pydantic keeps parametrised generic classes only weakly, so without this strong cache the
    class is rebuilt (schema and validator included) whenever the collector has dropped it.
    """
    cls = _ENVELOPE_CLASSES.get(payload_type)
    if cls is None:
        cls = _ENVELOPE_CLASSES[payload_type] = Envelope[payload_type]  # type: ignore[valid-type]
    return cls


def envelope_for(
    payload: P,
    *,
    case_id: UUID | None,
    correlation_id: UUID,
    occurred_at: datetime | None = None,
    causation_id: UUID | None = None,
    event_id: UUID | None = None,
) -> Envelope[P]:
    """Wraps a payload in an envelope whose type, source and version come from its SUBJECT.

    Args:
        payload: the contract instance.
        case_id: the dispute the fact is about (None only for reference data).
        correlation_id: copied from the request or message that started the work.
        occurred_at: when the fact happened (defaults to now, UTC).
        causation_id: the event that caused this one, if any.
        event_id: a fixed id (tests); a new UUID otherwise.
    """
    parts = parse_subject(payload.SUBJECT)
    return envelope_class(type(payload))(
        event_id=event_id or uuid4(),
        source=f"/adr/{PRODUCER_TOKEN[parts.producer]}",
        event_type=payload.SUBJECT,
        case_id=case_id,
        occurred_at=occurred_at or datetime.now(UTC),
        correlation_id=correlation_id,
        causation_id=causation_id,
        data=payload,
    )
