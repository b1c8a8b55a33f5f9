"""Writing shared records (row <-> domain mapping)."""

from dataclasses import asdict

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adr_procuratorate_bridge.domain.model import SharedRecord
from adr_procuratorate_bridge.store.tables import shared_records


class SharedRecordRepository:
    """Shared records in the procuratorate's database, inside the consumer's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: SharedRecord) -> None:
        """Keeps one received record (the event id is the key: the same event is never kept twice)."""
        row = asdict(record) | {"agency_codes": list(record.agency_codes)}
        await self._session.execute(insert(shared_records).values(**row))
