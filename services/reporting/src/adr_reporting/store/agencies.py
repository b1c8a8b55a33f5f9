"""Loading and saving one unit of the directory's read model (row <-> domain mapping)."""

from dataclasses import asdict
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from adr_reporting.domain.directory import AgencyFacts
from adr_reporting.store.tables import agencies


class AgencyRepository:
    """Directory units in reporting's database, inside the consumer's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_for_update(self, code: str) -> AgencyFacts:
        """The unit's row, locked for this transaction; an empty one is created if none exists."""
        dialect = self._session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        await self._session.execute(
            insert(agencies)
            .values(code=code, liaison_count=0, removed=False)
            .on_conflict_do_nothing(index_elements=["code"])
        )
        row = (await self._session.execute(select(agencies).where(agencies.c.code == code).with_for_update())).one()
        return AgencyFacts(**dict(row._mapping))

    async def save(self, facts: AgencyFacts) -> None:
        """Writes the unit's row."""
        values: dict[str, Any] = asdict(facts)
        await self._session.execute(update(agencies).where(agencies.c.code == facts.code).values(**values))
