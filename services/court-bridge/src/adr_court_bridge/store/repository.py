"""Loading and saving filing-queue entries (row <-> domain mapping), with optimistic concurrency."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_court_bridge.domain.model import EntryStatus, FilingEntry, FilingSource, SourceRecord
from adr_court_bridge.store.tables import filing_queue


class ConcurrentUpdate(Exception):
    """Someone else changed the entry since it was loaded (the consumer retries)."""


class FilingQueueRepository:
    """Entries in court-bridge's database; remembers what it touched so the unit of work can harvest events."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: list[FilingEntry] = []

    async def find(self, case_id: UUID) -> FilingEntry | None:
        """The dispute's entry, or None when it is not in the queue."""
        query = select(filing_queue).where(filing_queue.c.case_id == case_id)
        row = (await self._session.execute(query)).one_or_none()
        if row is None:
            return None
        entry = _to_domain(row._mapping)
        self.seen.append(entry)
        return entry

    async def add(self, entry: FilingEntry) -> None:
        """Inserts a new entry (a concurrent insert for the same dispute fails on the key and is retried)."""
        await self._session.execute(insert(filing_queue).values(**_to_row(entry)))
        self.seen.append(entry)

    async def save(self, entry: FilingEntry) -> None:
        """Writes a changed entry if nobody else changed it meanwhile."""
        result = await self._session.execute(
            update(filing_queue)
            .where(filing_queue.c.case_id == entry.case_id, filing_queue.c.version == entry.version - 1)
            .values(**_to_row(entry))
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(entry.case_id)


def _to_row(entry: FilingEntry) -> dict[str, Any]:
    return {
        "case_id": entry.case_id,
        "status": entry.status.value,
        "registration_no": entry.registration_no,
        "agency_codes": list(entry.agency_codes),
        "first_received_on": entry.first_received_on,
        "queued_on": entry.queued_on,
        "queued_at": entry.queued_at,
        "mediation_case_id": entry.mediation_case_id,
        "failure_reason": entry.failure_reason,
        "sources": [_source_to_json(s) for s in entry.sources],
        "version": entry.version,
    }


def _to_domain(row: Any) -> FilingEntry:
    return FilingEntry(
        case_id=row["case_id"],
        status=EntryStatus(row["status"]),
        registration_no=row["registration_no"],
        agency_codes=tuple(row["agency_codes"]),
        first_received_on=row["first_received_on"],
        queued_on=row["queued_on"],
        queued_at=row["queued_at"],
        mediation_case_id=row["mediation_case_id"],
        failure_reason=row["failure_reason"],
        sources=[_source_from_json(s) for s in row["sources"]],
        version=row["version"],
    )


def _source_to_json(source: SourceRecord) -> dict[str, str]:
    return {
        "source": source.source.value,
        "event_id": str(source.event_id),
        "at": source.at.isoformat(),
        "decided_on": source.decided_on.isoformat(),
    }


def _source_from_json(data: dict[str, str]) -> SourceRecord:
    return SourceRecord(
        source=FilingSource(data["source"]),
        event_id=UUID(data["event_id"]),
        at=datetime.fromisoformat(data["at"]),
        decided_on=date.fromisoformat(data["decided_on"]),
    )
