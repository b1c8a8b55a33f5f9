"""Indexing applicants by blind keys and finding earlier disputes of the same applicants (RULES.md §1.8)."""

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.domain.model import Applicant
from adr_intake.domain.repeats import ApplicantKeys, ContestedAct, EarlierDispute, IndexedApplicant
from adr_intake.store.pii import PiiCipher
from adr_intake.store.tables import dispute_applicant_keys as keys_table
from adr_intake.store.tables import disputes

_ID, _NAME = "id_no", "name"


def _id_text(id_no: str) -> str:
    return id_no.strip().upper()


def _name_text(name: str) -> str:
    return name.strip()


def applicant_keys(applicants: Sequence[Applicant], cipher: PiiCipher) -> tuple[ApplicantKeys, ...]:
    """Each applicant's blind keys under every configured key (to match values indexed before a rotation)."""
    return tuple(
        ApplicantKeys(
            id_keys=cipher.blind_keys(_id_text(a.id_no), kind=_ID) if a.id_no else frozenset(),
            name_keys=cipher.blind_keys(_name_text(a.name), kind=_NAME),
        )
        for a in applicants
    )


async def index_applicants(
    session: AsyncSession, case_id: UUID, applicants: Sequence[Applicant], cipher: PiiCipher
) -> None:
    """Stores the blind keys of a new dispute's applicants (under the current key)."""
    rows = [
        {
            "case_id": case_id,
            "position": i,
            "id_key": cipher.blind_key(_id_text(a.id_no), kind=_ID) if a.id_no else None,
            "name_key": cipher.blind_key(_name_text(a.name), kind=_NAME),
        }
        for i, a in enumerate(applicants)
    ]
    if rows:
        await session.execute(insert(keys_table), rows)


async def earlier_disputes(session: AsyncSession, keys: Sequence[ApplicantKeys]) -> list[EarlierDispute]:
    """Disputes with an applicant who may be one of these (same ID number or same name), with their acts."""
    id_keys = set().union(*(k.id_keys for k in keys))
    name_keys = set().union(*(k.name_keys for k in keys))
    if not name_keys:
        return []
    matched = select(keys_table.c.case_id).where(
        or_(keys_table.c.id_key.in_(id_keys), keys_table.c.name_key.in_(name_keys))
    )
    query = (
        select(
            disputes.c.id,
            disputes.c.registration_no,
            disputes.c.registered_at,
            disputes.c.agency_codes,
            disputes.c.act_type,
            disputes.c.act_doc_no,
            keys_table.c.id_key,
            keys_table.c.name_key,
        )
        .join(keys_table, keys_table.c.case_id == disputes.c.id)
        .where(disputes.c.id.in_(matched))
    )
    indexed: dict[UUID, list[IndexedApplicant]] = defaultdict(list)
    facts: dict[UUID, EarlierDispute] = {}
    for row in (await session.execute(query)).all():
        indexed[row.id].append(IndexedApplicant(id_key=row.id_key, name_key=row.name_key))
        facts[row.id] = EarlierDispute(
            case_id=row.id,
            registration_no=row.registration_no,
            registered_at=row.registered_at,
            act=ContestedAct(tuple(row.agency_codes), row.act_type, row.act_doc_no),
            applicants=(),
        )
    return [
        EarlierDispute(f.case_id, f.registration_no, f.registered_at, f.act, tuple(indexed[case_id]))
        for case_id, f in facts.items()
    ]
