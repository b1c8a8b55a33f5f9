"""Loading and saving disputes (row <-> domain mapping), with optimistic concurrency."""

import functools
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Row, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.domain.errors import DisputeNotFound
from adr_intake.domain.model import Applicant, Dispute, Stage
from adr_intake.domain.repeats import ApplicantKeys, EarlierDispute
from adr_intake.store import repeats
from adr_intake.store.dispute_rows import (
    CipherMissing,
    PersonalData,
    decision_columns,
    decision_fields,
    opened_personal_data,
    registration_columns,
    sealed_personal_data,
)
from adr_intake.store.pii import PiiCipher
from adr_intake.store.tables import disputes, registration_counters
from adr_runtime.statements import typed

# built once: the values travel as parameters, so SQLAlchemy reuses its compiled form for every dispute
_INSERT_DISPUTE = insert(disputes).returning(*disputes.c)


class ConcurrentUpdate(Exception):
    """Someone else changed the dispute since it was loaded."""


class DisputeRepository:
    """Disputes in intake's database; remembers what it loaded so the unit of work can harvest events."""

    def __init__(self, session: AsyncSession, cipher: PiiCipher | None = None) -> None:
        self._session = session
        self._cipher = cipher  # needed only where personal data is sealed, opened or searched
        self._loaded_versions: dict[UUID, int] = {}
        self.seen: list[Dispute] = []
        self.added: dict[UUID, Row[Any]] = {}  # each inserted row as stored, for the answer to the request

    async def get(self, case_id: UUID) -> Dispute:
        """Loads a dispute or raises DisputeNotFound."""
        row = (await self._session.execute(select(disputes).where(disputes.c.id == case_id))).one_or_none()
        if row is None:
            raise DisputeNotFound(case_id)
        dispute = _to_domain(row._mapping)
        self._loaded_versions[dispute.id] = dispute.version
        self.seen.append(dispute)
        return dispute

    async def add(self, dispute: Dispute) -> None:
        """Inserts a new dispute, its personal data sealed and its applicants indexed for repeat detection."""
        values = {**_to_row(dispute), **sealed_personal_data(dispute, self._cipher)}
        self.added[dispute.id] = (await self._session.execute(_INSERT_DISPUTE, values)).one()
        await repeats.index_applicants(self._session, dispute.id, dispute.applicants, self._require_cipher())
        self.seen.append(dispute)

    async def save(self, dispute: Dispute) -> None:
        """Writes a changed dispute if nobody else changed it meanwhile."""
        values = _to_row(dispute)
        loaded = self._loaded_versions.get(dispute.id, dispute.version - 1)
        result = await self._session.execute(
            update(disputes)
            .where(disputes.c.id == dispute.id, disputes.c.version == loaded)
            .values(stage=values["stage"], route=values["route"], version=dispute.version, **decision_columns(dispute))
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(dispute.id)

    async def restrict(self, case_id: UUID, subjects: Sequence[str]) -> None:
        """Restricts the dispute to the named subjects (none: lifts the restriction, O3)."""
        result = await self._session.execute(
            update(disputes).where(disputes.c.id == case_id).values(restricted_to=list(subjects) or None)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise DisputeNotFound(case_id)

    async def personal_data(self, case_id: UUID) -> PersonalData:
        """A dispute's identities and claims, opened; for the uses that need them (never for lists)."""
        query = select(disputes.c.id, disputes.c.applicants, disputes.c.claims_summary).where(disputes.c.id == case_id)
        row = (await self._session.execute(query)).one_or_none()
        if row is None:
            raise DisputeNotFound(case_id)
        return opened_personal_data(row._mapping, self._cipher)

    def applicant_keys(self, applicants: Sequence[Applicant]) -> tuple[ApplicantKeys, ...]:
        """The blind keys of applicants, to look for their earlier disputes."""
        return repeats.applicant_keys(applicants, self._require_cipher())

    async def earlier_disputes(self, keys: Sequence[ApplicantKeys]) -> list[EarlierDispute]:
        """Disputes that may share an applicant with these keys (the domain decides what matches)."""
        return await repeats.earlier_disputes(self._session, keys)

    def _require_cipher(self) -> PiiCipher:
        if self._cipher is None:
            raise CipherMissing("this use of personal data needs the personal-data cipher")
        return self._cipher

    async def next_registration_seq(self, year: int) -> int:
        """The next serial number of the year, taken inside the registering transaction.

        One statement (insert the year's counter or bump it), so two registrations racing for the first
        number of a year both succeed instead of one colliding on the counter's key.
        """
        statement = _counter_upsert()
        return int((await self._session.execute(statement, {"year": year})).scalar_one())


@functools.cache
def _counter_upsert() -> Any:
    """The year counter's upsert, as plain SQL compiled once (a dialect insert has no cache key)."""
    counters = registration_counters
    sql = text(
        f"INSERT INTO {counters.name} (year, last_seq) VALUES (:year, 1) "  # noqa: S608
        f"ON CONFLICT (year) DO UPDATE SET last_seq = {counters.name}.last_seq + 1 RETURNING last_seq"
    )
    return typed(counters, sql, ("year",)).columns(counters.c.last_seq)


def _to_row(dispute: Dispute) -> dict[str, object]:
    return {
        "id": dispute.id,
        "registration_no": dispute.registration_no,
        "channel": dispute.channel,
        "received_on": dispute.received_on,
        "registered_at": dispute.registered_at,
        "agency_codes": list(dispute.agency_codes),
        "act_type": dispute.act_type,
        "mediation_consent": dispute.mediation_consent,
        "stage": dispute.stage.value,
        "route": dispute.route,
        "version": dispute.version,
        **registration_columns(dispute),
        **decision_columns(dispute),
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
        applicants=(),  # sealed: loaded only through personal_data()
        claims_summary=None,
        mediation_consent=data["mediation_consent"],
        stage=Stage(data["stage"]),
        route=data["route"],
        version=data["version"],
        restricted_to=tuple(data.get("restricted_to") or ()),
        **decision_fields(data),
    )
