"""Subject, stream and durable-consumer naming.

Subjects are ``adr.<producer>.<aggregate>.<event>.v<N>``; each producer owns one stream
``ADR_<PRODUCER>`` holding ``adr.<producer>.>``; a consumer's durable is
``<consumer>__<producer>_<aggregate>_<event>_v<N>`` (durable names may not contain dots).
"""

import re
from dataclasses import dataclass
from typing import Final

from adr_contracts.services import PRODUCER_TOKEN, SERVICES, ServiceName, service_of_token

ROOT: Final = "adr"
DEADLETTER_STREAM: Final = "ADR_DEADLETTER"
DEADLETTER_ROOT: Final = f"{ROOT}.deadletter"

SUBJECT_PATTERN: Final = re.compile(
    r"^adr\.(?P<producer>[a-z]+)\.(?P<aggregate>[a-z_]+)\.(?P<event>[a-z_]+)\.v(?P<version>[1-9][0-9]*)$"
)


@dataclass(frozen=True)
class SubjectParts:
    """The tokens of a contract subject."""

    producer: ServiceName
    aggregate: str
    event: str
    version: int

    @property
    def event_type(self) -> str:
        """CloudEvents ``type``: the subject itself, which is unique and versioned."""
        token = PRODUCER_TOKEN[self.producer]
        return f"{ROOT}.{token}.{self.aggregate}.{self.event}.v{self.version}"


def parse_subject(subject: str) -> SubjectParts:
    """Splits a contract subject into its parts.

    Args:
        subject: e.g. ``adr.intake.dispute.registered.v1``.

    Raises:
        ValueError: when the subject does not follow the naming rule.
    """
    match = SUBJECT_PATTERN.match(subject)
    if match is None:
        raise ValueError(f"subject {subject!r} does not follow adr.<producer>.<aggregate>.<event>.v<N>")
    try:
        producer = service_of_token(match["producer"])
    except KeyError:
        raise ValueError(f"subject {subject!r} names an unknown producer") from None
    return SubjectParts(producer, match["aggregate"], match["event"], int(match["version"]))


def stream_name(producer: ServiceName) -> str:
    """The one stream a producer publishes into, e.g. ``ADR_COURT``.

    Args:
        producer: the producing service.
    """
    return f"ADR_{PRODUCER_TOKEN[producer].upper()}"


def stream_subjects(producer: ServiceName) -> list[str]:
    """The subjects a producer's stream holds.

    Args:
        producer: the producing service.
    """
    return [f"{ROOT}.{PRODUCER_TOKEN[producer]}.>"]


def durable_name(consumer: ServiceName, subject: str) -> str:
    """The durable pull consumer a service binds to read one subject.

    Args:
        consumer: the reading service.
        subject: the contract subject it reads.
    """
    parts = parse_subject(subject)
    token = PRODUCER_TOKEN[parts.producer]
    return f"{consumer.replace('-', '_')}__{token}_{parts.aggregate}_{parts.event}_v{parts.version}"


def deadletter_subject(consumer: ServiceName) -> str:
    """Where a consumer's rejected messages are kept, e.g. ``adr.deadletter.court_bridge``.

    Args:
        consumer: the service that rejected the message.
    """
    return f"{DEADLETTER_ROOT}.{consumer.replace('-', '_')}"


ALL_STREAMS: Final[dict[str, list[str]]] = {stream_name(s): stream_subjects(s) for s in SERVICES}
