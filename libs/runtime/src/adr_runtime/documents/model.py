"""The content of a generated document, independent of its file format."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    """A heading followed by paragraphs and, optionally, a table."""

    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Signature:
    """One line of the signature block: who signs and, when known, the date they signed."""

    role: str
    name: str = ""
    signed_on: date | None = None


@dataclass(frozen=True)
class Document:
    """A document with its title, number, issuer, sections and signature block."""

    title: str
    sections: tuple[Section, ...]
    number: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    signatures: tuple[Signature, ...] = ()
    footer: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
