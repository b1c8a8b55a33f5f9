"""Read-only queries of the directory: units and their liaisons as stored masked (nothing is decrypted)."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_intake.api.directory_schemas import LiaisonView, UnitDetail, UnitView
from adr_intake.domain.errors import UnitNotFound
from adr_intake.store.tables import agency_liaisons, agency_units

_COUNTS = (
    select(agency_liaisons.c.unit_code, func.count().label("liaison_count"))
    .group_by(agency_liaisons.c.unit_code)
    .subquery()
)


def _units_query() -> Any:
    count = func.coalesce(_COUNTS.c.liaison_count, 0).label("liaison_count")
    return select(agency_units, count).outerjoin(_COUNTS, _COUNTS.c.unit_code == agency_units.c.code)


def _view(row: Any) -> UnitView:
    data = {k: v for k, v in row._mapping.items() if k not in ("version", "updated_at")}
    return UnitView(**data, status_zh="已核实" if data["verified"] else "待核实")


async def units(
    sessions: async_sessionmaker[AsyncSession], *, kind: str | None = None, include_retired: bool = False
) -> list[UnitView]:
    """The directory's units by kind and code, with how many liaisons each has."""
    query = _units_query()
    if kind:
        query = query.where(agency_units.c.kind == kind)
    if not include_retired:
        query = query.where(agency_units.c.retired.is_(False))
    async with sessions() as session:
        rows = (await session.execute(query.order_by(agency_units.c.kind, agency_units.c.code))).all()
    return [_view(row) for row in rows]


async def unit(sessions: async_sessionmaker[AsyncSession], code: str) -> UnitDetail:
    """One unit with its liaisons, masked. Raises UnitNotFound."""
    columns = agency_liaisons.c
    liaisons_query = (
        select(columns.id, columns.name_masked, columns.phone_masked, columns.post)
        .where(columns.unit_code == code)
        .order_by(columns.position)
    )
    async with sessions() as session:
        row = (await session.execute(_units_query().where(agency_units.c.code == code))).one_or_none()
        liaisons = (await session.execute(liaisons_query)).all()
    if row is None:
        raise UnitNotFound(code)
    views = [LiaisonView(liaison_id=r.id, name=r.name_masked, phone=r.phone_masked, post=r.post) for r in liaisons]
    return UnitDetail(**_view(row).model_dump(), liaisons=views)


async def names(sessions: async_sessionmaker[AsyncSession], codes: list[str]) -> dict[str, str]:
    """The Chinese names of directory codes (codes not in the directory are left out)."""
    if not codes:
        return {}
    query = select(agency_units.c.code, agency_units.c.name_zh).where(agency_units.c.code.in_(codes))
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    return {row.code: row.name_zh for row in rows}
