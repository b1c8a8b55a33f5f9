"""Loading and saving directory units with their liaison officers (names and phones sealed)."""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.domain.directory import AgencyKind, AgencyLevel, AgencyUnit, Liaison, UnitFacts
from adr_intake.domain.errors import UnitNotFound
from adr_intake.store.dispute_rows import CipherMissing
from adr_intake.store.pii import PiiCipher, mask_name, mask_phone
from adr_intake.store.repository import ConcurrentUpdate
from adr_intake.store.tables import agency_liaisons, agency_units


class DirectoryRepository:
    """Directory units in intake's database; remembers what it loaded so the unit of work can harvest events."""

    def __init__(self, session: AsyncSession, cipher: PiiCipher | None = None) -> None:
        self._session = session
        self._cipher = cipher
        self._loaded_versions: dict[str, int] = {}
        self.seen: list[AgencyUnit] = []

    async def get(self, code: str) -> AgencyUnit:
        """Loads a unit with its liaisons, or raises UnitNotFound."""
        unit = await self.find(code)
        if unit is None:
            raise UnitNotFound(code)
        return unit

    async def find(self, code: str) -> AgencyUnit | None:
        """Loads a unit with its liaisons, or None."""
        units = await self._load(agency_units.c.code == code)
        return units.get(code)

    async def all(self) -> dict[str, AgencyUnit]:
        """Loads every unit (the directory is small: tens of units), for an import."""
        return await self._load(None)

    async def add(self, unit: AgencyUnit) -> None:
        """Inserts a new unit and its liaisons."""
        await self._session.execute(insert(agency_units).values(code=unit.code, **_unit_row(unit)))
        await self._insert_liaisons(unit.code, unit.liaisons, start=0)
        self.seen.append(unit)

    async def save(self, unit: AgencyUnit) -> None:
        """Writes a changed unit if nobody else changed it meanwhile; liaisons added or withdrawn follow."""
        loaded = self._loaded_versions.get(unit.code, unit.version - 1)
        result = await self._session.execute(
            update(agency_units)
            .where(agency_units.c.code == unit.code, agency_units.c.version == loaded)
            .values(**_unit_row(unit))
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(unit.code)
        stored = set((await self._session.execute(_liaison_ids(unit.code))).scalars())
        current = {liaison.id for liaison in unit.liaisons}
        if stored - current:
            await self._session.execute(delete(agency_liaisons).where(agency_liaisons.c.id.in_(stored - current)))
        last = await self._session.scalar(
            select(func.max(agency_liaisons.c.position)).where(agency_liaisons.c.unit_code == unit.code)
        )
        fresh = [liaison for liaison in unit.liaisons if liaison.id not in stored]
        await self._insert_liaisons(unit.code, fresh, start=0 if last is None else last + 1)

    async def liaison_ids(self, code: str) -> tuple[UUID, ...]:
        """The ids of a unit's liaisons in order (no identities opened); () for an unknown or removed unit."""
        retired = await self._session.scalar(select(agency_units.c.retired).where(agency_units.c.code == code))
        if retired is None or retired:
            return ()
        return tuple((await self._session.execute(_liaison_ids(code))).scalars())

    async def _load(self, where: Any) -> dict[str, AgencyUnit]:
        units_query = select(agency_units) if where is None else select(agency_units).where(where)
        rows = (await self._session.execute(units_query)).all()
        codes = [row.code for row in rows]
        liaisons_query = (
            select(agency_liaisons).where(agency_liaisons.c.unit_code.in_(codes)).order_by(agency_liaisons.c.position)
        )
        by_unit: dict[str, list[Liaison]] = {code: [] for code in codes}
        for row in (await self._session.execute(liaisons_query)).all():
            by_unit[row.unit_code].append(self._opened(row._mapping))
        units = {row.code: _to_domain(row._mapping, by_unit[row.code]) for row in rows}
        for unit in units.values():
            self._loaded_versions[unit.code] = unit.version
            self.seen.append(unit)
        return units

    async def _insert_liaisons(self, code: str, liaisons: list[Liaison], *, start: int) -> None:
        if not liaisons:
            return
        rows = [self._sealed(code, liaison, start + i) for i, liaison in enumerate(liaisons)]
        await self._session.execute(insert(agency_liaisons), rows)

    def _sealed(self, code: str, liaison: Liaison, position: int) -> dict[str, Any]:
        cipher = self._require_cipher()
        return {
            "id": liaison.id,
            "unit_code": code,
            "position": position,
            "name": cipher.seal(liaison.name, context=f"liaison:{liaison.id}:name"),
            "name_masked": mask_name(liaison.name),
            "phone": cipher.seal_optional(liaison.phone, context=f"liaison:{liaison.id}:phone"),
            "phone_masked": mask_phone(liaison.phone) if liaison.phone else None,
            "post": liaison.post,
        }

    def _opened(self, row: Mapping[Any, Any]) -> Liaison:
        cipher = self._require_cipher()
        return Liaison(
            id=row["id"],
            name=cipher.open(row["name"], context=f"liaison:{row['id']}:name"),
            phone=cipher.open_optional(row["phone"], context=f"liaison:{row['id']}:phone"),
            post=row["post"],
        )

    def _require_cipher(self) -> PiiCipher:
        if self._cipher is None:
            raise CipherMissing("directory liaisons need the personal-data cipher")
        return self._cipher


def _liaison_ids(code: str) -> Any:
    return select(agency_liaisons.c.id).where(agency_liaisons.c.unit_code == code).order_by(agency_liaisons.c.position)


def _unit_row(unit: AgencyUnit) -> dict[str, Any]:
    facts = unit.facts
    return {
        "name_zh": facts.name_zh,
        "kind": facts.kind.value,
        "level": facts.level.value,
        "reconsideration_organ_zh": facts.reconsideration_organ_zh,
        "verified": facts.verified,
        "source": facts.source,
        "retired": unit.retired,
        "version": unit.version,
        "updated_at": datetime.now(UTC),
    }


def _to_domain(row: Mapping[Any, Any], liaisons: list[Liaison]) -> AgencyUnit:
    facts = UnitFacts(
        name_zh=row["name_zh"],
        kind=AgencyKind(row["kind"]),
        level=AgencyLevel(row["level"]),
        reconsideration_organ_zh=row["reconsideration_organ_zh"],
        verified=row["verified"],
        source=row["source"],
    )
    return AgencyUnit(code=row["code"], facts=facts, liaisons=liaisons, retired=row["retired"], version=row["version"])
