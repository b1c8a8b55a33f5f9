"""Writing shared records and their receipts (row <-> domain mapping)."""

from dataclasses import asdict

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adr_procuratorate_bridge.domain.model import Receipt, SharedRecord
from adr_procuratorate_bridge.store.tables import receipts, shared_records


class SharedRecordRepository:
    """Shared records in the procuratorate's database, inside the consumer's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: SharedRecord, receipt: Receipt) -> None:
        """Keeps one received record with its receipt (the event id is the key: never kept twice)."""
        row = asdict(record) | {"agency_codes": list(record.agency_codes)}
        await self._session.execute(insert(shared_records).values(**row))
        await self._session.execute(insert(receipts).values(**asdict(receipt)))
