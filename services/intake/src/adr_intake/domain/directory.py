"""The directory of agencies, street offices and the township with their liaison officers (O3).

Each unit is an aggregate keyed by its stable code (``WJG-…``); a change records an
``AgencyChanged`` event, published without the liaisons' identities. Rows not yet checked against
an official source (``verified=False``) stay editable and are shown as 待核实.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal
from uuid import UUID

from adr_intake.domain.errors import LiaisonNotFound, SourceRequired, UnitRetired

Change = Literal["added", "updated", "removed"]
CODE_PATTERN = r"^[A-Z0-9][A-Z0-9-]{1,39}$"
"""A directory code: stable, ASCII, e.g. WJG-SCJ (also how disputes name the agencies involved)."""


class AgencyKind(StrEnum):
    """What kind of unit (wujiagang_directory.csv, column ``kind``)."""

    GOVERNMENT = "government"  # 区人民政府
    DEPARTMENT = "department"  # 区政府工作部门
    BRANCH_OF_CITY_BODY = "branch_of_city_body"  # 市级部门派出机构（分局）
    STREET_OFFICE = "street_office"  # 街道办事处
    TOWNSHIP = "township"  # 乡人民政府
    COURT = "court"  # 人民法院
    PROCURATORATE = "procuratorate"  # 人民检察院
    CENTRE = "centre"  # 综治中心、行政争议化解中心


class AgencyLevel(StrEnum):
    """The unit's level (column ``level``)."""

    COUNTY = "county"  # 县级（区级）
    TOWNSHIP = "township"  # 乡镇（街道）级
    CITY_BRANCH = "city_branch"  # 市级部门派出机构


@dataclass(frozen=True)
class UnitFacts:
    """What the directory says about a unit, liaisons apart."""

    name_zh: str
    kind: AgencyKind
    level: AgencyLevel
    reconsideration_organ_zh: str
    verified: bool
    source: str

    def __post_init__(self) -> None:
        if self.verified and not self.source.strip():
            raise SourceRequired()


@dataclass(frozen=True)
class Liaison:
    """A liaison officer (personal data: name and phone are encrypted at rest, never logged)."""

    id: UUID
    name: str
    phone: str | None = None
    post: str | None = None


@dataclass(frozen=True)
class AgencyChanged:
    """A unit was added, changed or removed; its liaisons are counted, not named."""

    at: datetime
    code: str
    name_zh: str
    kind: str
    change: Change
    liaison_count: int


@dataclass
class AgencyUnit:
    """A unit and its liaisons; methods change it and record the change."""

    code: str
    facts: UnitFacts
    liaisons: list[Liaison] = field(default_factory=list)
    retired: bool = False
    version: int = 0
    events: list[AgencyChanged] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def add(cls, code: str, facts: UnitFacts, *, liaisons: tuple[Liaison, ...] = (), now: datetime) -> "AgencyUnit":
        """A new unit of the directory."""
        unit = cls(code=code, facts=facts, liaisons=list(liaisons))
        unit._record("added", now)
        return unit

    def update(self, facts: UnitFacts, *, new_liaisons: tuple[Liaison, ...] = (), now: datetime) -> bool:
        """Replaces the unit's facts and adds liaisons; a retired unit comes back. False if nothing changed."""
        if facts == self.facts and not self.retired and not new_liaisons:
            return False
        self.facts, self.retired = facts, False
        self.liaisons.extend(new_liaisons)
        self._record("updated", now)
        return True

    def add_liaison(self, liaison: Liaison, *, now: datetime) -> None:
        """Designates one more liaison officer."""
        self._refuse_if_retired()
        self.update(self.facts, new_liaisons=(liaison,), now=now)

    def has_liaison(self, name: str, phone: str | None) -> bool:
        """True when a liaison of that name and phone is already designated."""
        return any(liaison.name == name and liaison.phone == phone for liaison in self.liaisons)

    def remove_liaison(self, liaison_id: UUID, *, now: datetime) -> None:
        """Withdraws a liaison officer's designation."""
        kept = [liaison for liaison in self.liaisons if liaison.id != liaison_id]
        if len(kept) == len(self.liaisons):
            raise LiaisonNotFound(self.code, liaison_id)
        self.liaisons = kept
        self._record("updated", now)

    def retire(self, *, now: datetime) -> None:
        """Removes the unit from the directory (kept for the disputes that name it)."""
        self._refuse_if_retired()
        self.retired = True
        self._record("removed", now)

    def _refuse_if_retired(self) -> None:
        if self.retired:
            raise UnitRetired(self.code)

    def _record(self, change: Change, now: datetime) -> None:
        self.version += 1
        self.events.append(
            AgencyChanged(
                at=now,
                code=self.code,
                name_zh=self.facts.name_zh,
                kind=self.facts.kind.value,
                change=change,
                liaison_count=len(self.liaisons),
            )
        )
