"""Loading and saving the facts of one dispute (row <-> domain mapping)."""

from typing import Any
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from adr_reporting.domain.facts import DisputeFacts
from adr_reporting.store.tables import dispute_facts

_COLUMNS = tuple(c.name for c in dispute_facts.columns if c.name not in ("case_id", "mediation_status"))


class FactsRepository:
    """Dispute facts in reporting's database, inside the consumer's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_for_update(self, case_id: UUID) -> DisputeFacts:
        """The dispute's facts, locked for this transaction; an empty row is created if none exists.

        Two events about one new dispute can be applied at once by different consumers: the
        insert that does nothing on conflict, then the row lock, make the second wait for the first.
        """
        dialect = self._session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        await self._session.execute(
            insert(dispute_facts).values(case_id=case_id).on_conflict_do_nothing(index_elements=["case_id"])
        )
        query = select(dispute_facts).where(dispute_facts.c.case_id == case_id).with_for_update()
        row = (await self._session.execute(query)).one()
        return _to_domain(row._mapping)

    async def save(self, facts: DisputeFacts) -> None:
        """Writes the merged facts and the mediation status derived from them."""
        await self._session.execute(
            update(dispute_facts).where(dispute_facts.c.case_id == facts.case_id).values(**_to_row(facts))
        )


def _to_row(facts: DisputeFacts) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(facts, name) for name in _COLUMNS}
    row["agency_codes"] = list(facts.agency_codes) if facts.agency_codes is not None else None
    status = facts.mediation_status
    row["mediation_status"] = status.value if status else None
    return row


def _to_domain(row: Any) -> DisputeFacts:
    data = {name: row[name] for name in _COLUMNS}
    if data["agency_codes"] is not None:
        data["agency_codes"] = tuple(data["agency_codes"])
    return DisputeFacts(case_id=row["case_id"], **data)
