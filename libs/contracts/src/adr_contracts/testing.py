"""Sample payloads and envelopes of any contract, for tests (here and in the services).

The builder reads each field's annotation, so a newly registered contract gets a sample
without further work; a field whose constraints the builder cannot meet belongs in
``OVERRIDES``. Samples hold no personal data and fixed ids, so assertions can name them.
"""

import types
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin
from uuid import UUID

from pydantic import AwareDatetime

from adr_contracts import Envelope, envelope_for, receipts
from adr_contracts.base import ContractModel

CASE_ID = UUID("0190a7c4-5b6e-7d2f-8a9b-0c1d2e3f4a5b")
CORRELATION_ID = UUID("0190a7c4-5b6e-7d2f-8a9b-0c1d2e3f4a5c")
EVENT_ID = UUID("0190a7c4-5b6e-7d2f-8a9b-0c1d2e3f4a5d")
CAUSATION_ID = UUID("0190a7c4-5b6e-7d2f-8a9b-0c1d2e3f4a5e")
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
OCCURRED_AT = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)

OVERRIDES: dict[tuple[str, str], Any] = {
    ("SubsidyBatchApprovedV1", "period"): "2026-11",
    **{(c.__name__, "sha256"): "0" * 64 for c in receipts.CONTRACTS},
}
"""(contract class name, field name) -> value, for fields the generic builder cannot fill."""

_SIMPLE: dict[Any, Any] = {
    str: "示例-1",
    int: 1,
    float: 1.5,
    bool: True,
    date: date(2026, 11, 27),
    datetime: OCCURRED_AT,
    UUID: UUID("0190a7c4-5b6e-7d2f-8a9b-0c1d2e3f4a60"),
    AwareDatetime: OCCURRED_AT,
}


def sample_value(annotation: Any) -> Any:
    """A valid value for a field annotation: the first non-None branch of a union, one list item.

    Args:
        annotation: a field's type annotation.

    Raises:
        TypeError: when the annotation is of a kind the builder does not know.
    """
    if annotation in _SIMPLE:
        return _SIMPLE[annotation]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation))
    if isinstance(annotation, type) and issubclass(annotation, ContractModel):
        return a_payload(annotation)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        return sample_value(next(a for a in args if a is not type(None)))
    if origin is Literal:
        return args[0]
    if origin in (list, set, frozenset, tuple):
        return origin([sample_value(args[0])])
    if origin is dict:
        return {sample_value(args[0]): sample_value(args[1])}
    raise TypeError(f"no sample for {annotation!r}; add the field to adr_contracts.testing.OVERRIDES")


def a_payload(contract: type[ContractModel], **changes: Any) -> ContractModel:
    """A payload with every field filled (optional ones too).

    Args:
        contract: the payload class.
        changes: field values that replace the samples.
    """
    values: dict[str, Any] = {}
    for name, info in contract.model_fields.items():
        key = (contract.__name__, name)
        values[name] = OVERRIDES[key] if key in OVERRIDES else sample_value(info.annotation)
    values.update(changes)
    return contract(**values)


def an_envelope(contract: type[ContractModel], **changes: Any) -> Envelope[Any]:
    """A fully populated envelope (every CloudEvents attribute and extension) around a sample payload.

    Args:
        contract: the payload class.
        changes: envelope attributes (Python names) that replace the samples, e.g. ``case_id=None``.
    """
    envelope = envelope_for(
        a_payload(contract),
        case_id=CASE_ID,
        correlation_id=CORRELATION_ID,
        occurred_at=OCCURRED_AT,
        causation_id=CAUSATION_ID,
        event_id=EVENT_ID,
    )
    return envelope.model_copy(update={"traceparent": TRACEPARENT, **changes})
