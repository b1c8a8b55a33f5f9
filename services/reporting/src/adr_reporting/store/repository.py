"""Loading and saving the facts of one dispute (row <-> domain mapping)."""

from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from adr_reporting.domain.facts import DisputeFacts, Fact
from adr_reporting.store.bulk import insert_new
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

    async def merge_many(self, facts: dict[UUID, list[Fact]]) -> None:
        """Merges each dispute's facts, in order, into its row: a few statements for the whole batch.

        The rows that exist are locked, merged and updated together; the missing ones are inserted
        already merged. Should another consumer create one of those meanwhile, that dispute is
        merged again through its locked row, so no fact is lost.
        """
        if not facts:
            return
        query = select(dispute_facts).where(dispute_facts.c.case_id.in_(list(facts))).with_for_update()
        existing = {row.case_id: _to_domain(row._mapping) for row in (await self._session.execute(query)).all()}
        merged = {
            case_id: _merged(existing.get(case_id) or DisputeFacts(case_id), found) for case_id, found in facts.items()
        }
        if existing:
            rows = [{"b_case_id": case_id, **_to_row(merged[case_id])} for case_id in existing]
            statement = update(dispute_facts).where(dispute_facts.c.case_id == bindparam("b_case_id"))
            await self._session.execute(statement, rows)
        new = [case_id for case_id in merged if case_id not in existing]
        if new:
            await self._insert_new([merged[case_id] for case_id in new], facts)

    async def _insert_new(self, rows: list[DisputeFacts], facts: dict[UUID, list[Fact]]) -> None:
        values = [{"case_id": row.case_id, **_to_row(row)} for row in rows]
        inserted = await insert_new(self._session, dispute_facts, values, "case_id")
        for row in rows:
            if row.case_id not in inserted:  # created concurrently: merge through the locked row
                locked = await self.get_for_update(row.case_id)
                await self.save(_merged(locked, facts[row.case_id]))


def _merged(facts: DisputeFacts, found: list[Fact]) -> DisputeFacts:
    for fact in found:
        facts.apply(fact)
    return facts


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
