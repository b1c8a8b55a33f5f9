"""Loading and saving disputes (row <-> domain mapping), with optimistic concurrency."""

from dataclasses import asdict
from uuid import UUID

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.domain.errors import DisputeNotFound
from adr_intake.domain.model import Applicant, Dispute, Stage
from adr_intake.store.tables import disputes, registration_counters


class ConcurrentUpdate(Exception):
    """Someone else changed the dispute since it was loaded."""


class DisputeRepository:
    """Disputes in intake's database; remembers what it loaded so the unit of work can harvest events."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: list[Dispute] = []

    async def get(self, case_id: UUID) -> Dispute:
        """Loads a dispute or raises DisputeNotFound."""
        row = (await self._session.execute(select(disputes).where(disputes.c.id == case_id))).one_or_none()
        if row is None:
            raise DisputeNotFound(case_id)
        dispute = _to_domain(row._mapping)
        self.seen.append(dispute)
        return dispute

    async def add(self, dispute: Dispute) -> None:
        """Inserts a new dispute."""
        await self._session.execute(insert(disputes).values(**_to_row(dispute)))
        self.seen.append(dispute)

    async def save(self, dispute: Dispute) -> None:
        """Writes a changed dispute if nobody else changed it meanwhile."""
        values = _to_row(dispute)
        result = await self._session.execute(
            update(disputes)
            .where(disputes.c.id == dispute.id, disputes.c.version == dispute.version - 1)
            .values(stage=values["stage"], route=values["route"], version=dispute.version)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(dispute.id)

    async def next_registration_seq(self, year: int) -> int:
        """The next serial number of the year, taken inside the registering transaction."""
        counters = registration_counters
        bumped = await self._session.execute(
            update(counters)
            .where(counters.c.year == year)
            .values(last_seq=counters.c.last_seq + 1)
            .returning(counters.c.last_seq)
        )
        seq = bumped.scalar_one_or_none()
        if seq is None:
            await self._session.execute(insert(counters).values(year=year, last_seq=1))
            seq = 1
        return int(seq)


def _to_row(dispute: Dispute) -> dict[str, object]:
    return {
        "id": dispute.id,
        "registration_no": dispute.registration_no,
        "channel": dispute.channel,
        "received_on": dispute.received_on,
        "registered_at": dispute.registered_at,
        "agency_codes": list(dispute.agency_codes),
        "act_type": dispute.act_type,
        "applicants": [asdict(a) for a in dispute.applicants],
        "claims_summary": dispute.claims_summary,
        "mediation_consent": dispute.mediation_consent,
        "stage": dispute.stage.value,
        "route": dispute.route,
        "version": dispute.version,
    }


def _to_domain(row: object) -> Dispute:
    data = dict(row)  # type: ignore[call-overload]
    return Dispute(
        id=data["id"],
        registration_no=data["registration_no"],
        channel=data["channel"],
        received_on=data["received_on"],
        registered_at=data["registered_at"],
        agency_codes=tuple(data["agency_codes"]),
        act_type=data["act_type"],
        applicants=tuple(Applicant(**a) for a in data["applicants"]),
        claims_summary=data["claims_summary"],
        mediation_consent=data["mediation_consent"],
        stage=Stage(data["stage"]),
        route=data["route"],
        version=data["version"],
    )
