"""Loading and saving mediation cases with their current agreement (row <-> domain), optimistically."""

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_mediation.domain.errors import MediationCaseNotFound
from adr_mediation.domain.model import (
    Agreement,
    Failure,
    MediationCase,
    MediationStatus,
    Obligation,
    Signature,
    Stage,
)
from adr_mediation.store.tables import agreements, mediation_cases, obligations


class ConcurrentUpdate(Exception):
    """Someone else changed the mediation case since it was loaded."""

    def __init__(self, mediation_case_id: UUID) -> None:
        super().__init__(f"调解案件 {mediation_case_id} 已被他人修改，请刷新后重试")
        self.mediation_case_id = mediation_case_id


class MediationCaseRepository:
    """Mediation cases in mediation's database; remembers what it loaded so the unit of work can harvest events."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: list[MediationCase] = []
        self._loaded: dict[UUID, int] = {}

    async def get(self, mediation_case_id: UUID) -> MediationCase:
        """Loads a mediation case or raises MediationCaseNotFound."""
        query = select(mediation_cases).where(mediation_cases.c.id == mediation_case_id)
        row = (await self._session.execute(query)).one_or_none()
        if row is None:
            raise MediationCaseNotFound(mediation_case_id)
        return await self._load(row._mapping)

    async def find_for_dispute(self, case_id: UUID) -> MediationCase | None:
        """The dispute's mediation case, if it has one."""
        query = select(mediation_cases).where(mediation_cases.c.case_id == case_id)
        row = (await self._session.execute(query)).one_or_none()
        return None if row is None else await self._load(row._mapping)

    async def add(self, case: MediationCase) -> None:
        """Inserts a new mediation case."""
        await self._session.execute(insert(mediation_cases).values(**_to_row(case)))
        await self._save_agreement(case)
        self.seen.append(case)
        self._loaded[case.id] = case.version

    async def save(self, case: MediationCase) -> None:
        """Writes a changed mediation case if nobody else changed it meanwhile."""
        loaded = self._loaded.get(case.id, case.version - 1)
        if loaded == case.version:
            return
        values = {k: v for k, v in _to_row(case).items() if k not in _FIXED}
        result = await self._session.execute(
            update(mediation_cases)
            .where(mediation_cases.c.id == case.id, mediation_cases.c.version == loaded)
            .values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(case.id)
        self._loaded[case.id] = case.version
        await self._save_agreement(case)

    async def _save_agreement(self, case: MediationCase) -> None:
        agreement = case.agreement
        if agreement is None:
            return
        row = _agreement_row(case.id, agreement)
        exists = await self._session.scalar(select(agreements.c.id).where(agreements.c.id == agreement.id))
        if exists is None:
            await self._session.execute(insert(agreements).values(**row))
        else:
            await self._session.execute(update(agreements).where(agreements.c.id == agreement.id).values(**row))
        await self._session.execute(delete(obligations).where(obligations.c.agreement_id == agreement.id))
        if agreement.obligations:
            await self._session.execute(insert(obligations), [
                _obligation_row(case.id, agreement.id, seq, item) for seq, item in enumerate(agreement.obligations, 1)
            ])

    async def _load(self, data: RowMapping) -> MediationCase:
        agreement = None
        if data["agreement_id"] is not None:
            agreement = await self._agreement(data["agreement_id"])
        case = _to_domain(data, agreement)
        self.seen.append(case)
        self._loaded[case.id] = case.version
        return case

    async def _agreement(self, agreement_id: UUID) -> Agreement:
        row = (await self._session.execute(select(agreements).where(agreements.c.id == agreement_id))).one()
        items = (await self._session.execute(
            select(obligations).where(obligations.c.agreement_id == agreement_id).order_by(obligations.c.seq)
        )).all()
        return agreement_from(row._mapping, [i._mapping for i in items])


# set when the case is opened, never rewritten
_FIXED = frozenset({"id", "case_id", "registration_no", "agency_codes", "stage", "opened_at", "opened_on"})


def _to_row(case: MediationCase) -> dict[str, object]:
    failure = case.failure
    return {
        "id": case.id,
        "case_id": case.case_id,
        "registration_no": case.registration_no,
        "agency_codes": list(case.agency_codes),
        "stage": case.stage.value,
        "status": case.status.value,
        "consent": case.consent,
        "opened_at": case.opened_at,
        "opened_on": case.opened_on,
        "period_ends_on": case.period_ends_on,
        "period_provisional": case.period_provisional,
        "extended_days": case.extended_days,
        "first_received_on": case.first_received_on,
        "restricted_to": list(case.restricted_to) or None,
        "difficulty": case.difficulty,
        "agreement_id": case.agreement.id if case.agreement else None,
        "failed_on": failure.failed_on if failure else None,
        "failure_reason": failure.reason if failure else None,
        "next_route": failure.next_route if failure else None,
        "closed_on": case.closed_on,
        "closing_outcome": case.closing_outcome,
        "court_case_no": case.court_case_no,
        "filed_on": case.filed_on,
        "reopened_count": case.reopened_count,
        "version": case.version,
    }


def _agreement_row(mediation_case_id: UUID, agreement: Agreement) -> dict[str, object]:
    return {
        "id": agreement.id,
        "mediation_case_id": mediation_case_id,
        "drafted_on": agreement.drafted_on,
        "terms": agreement.terms,
        "confirmation_requested": agreement.confirmation_requested,
        "signatures": [
            {"role": s.role, "name": s.name, "signed_on": s.signed_on.isoformat()} for s in agreement.signatures
        ],
        "agreed_on": agreement.agreed_on,
        "confirmation_requested_on": agreement.confirmation_requested_on,
        "ruling_outcome": agreement.ruling_outcome,
        "ruling_no": agreement.ruling_no,
        "ruled_on": agreement.ruled_on,
    }


def _obligation_row(mediation_case_id: UUID, agreement_id: UUID, seq: int, item: Obligation) -> dict[str, object]:
    return {
        "id": item.id, "agreement_id": agreement_id, "mediation_case_id": mediation_case_id, "seq": seq,
        "obligor_kind": item.obligor_kind, "agency_code": item.agency_code, "description": item.description,
        "amount_fen": item.amount_fen, "due_on": item.due_on, "fulfilled_on": item.fulfilled_on,
        "evidence_note": item.evidence_note, "overdue_noticed_on": item.overdue_noticed_on,
    }


def agreement_from(data: RowMapping, items: list[RowMapping]) -> Agreement:
    """The agreement of an ``agreements`` row and its ``obligations`` rows (also used by the views)."""
    return Agreement(
        id=data["id"],
        drafted_on=data["drafted_on"],
        terms=data["terms"],
        obligations=tuple(obligation_from(i) for i in items),
        confirmation_requested=data["confirmation_requested"],
        signatures=tuple(
            Signature(role=s["role"], name=s["name"], signed_on=date.fromisoformat(s["signed_on"]))
            for s in data["signatures"]
        ),
        agreed_on=data["agreed_on"],
        confirmation_requested_on=data["confirmation_requested_on"],
        ruling_outcome=data["ruling_outcome"],
        ruling_no=data["ruling_no"],
        ruled_on=data["ruled_on"],
    )


def obligation_from(data: RowMapping | dict[str, Any]) -> Obligation:
    return Obligation(
        id=data["id"], obligor_kind=data["obligor_kind"], description=data["description"], due_on=data["due_on"],
        agency_code=data["agency_code"], amount_fen=data["amount_fen"], fulfilled_on=data["fulfilled_on"],
        evidence_note=data["evidence_note"], overdue_noticed_on=data["overdue_noticed_on"],
    )


def _to_domain(data: RowMapping, agreement: Agreement | None) -> MediationCase:
    failure = None
    if data["failed_on"] is not None:
        failure = Failure(failed_on=data["failed_on"], reason=data["failure_reason"], next_route=data["next_route"])
    return MediationCase(
        id=data["id"],
        case_id=data["case_id"],
        stage=Stage(data["stage"]),
        opened_at=data["opened_at"],
        opened_on=data["opened_on"],
        period_ends_on=data["period_ends_on"],
        period_provisional=data["period_provisional"],
        extended_days=data["extended_days"],
        first_received_on=data["first_received_on"],
        registration_no=data["registration_no"],
        agency_codes=tuple(data["agency_codes"]),
        consent=data["consent"],
        status=MediationStatus(data["status"]),
        restricted_to=tuple(data["restricted_to"] or ()),
        difficulty=data["difficulty"],
        agreement=agreement,
        failure=failure,
        closed_on=data["closed_on"],
        closing_outcome=data["closing_outcome"],
        court_case_no=data["court_case_no"],
        filed_on=data["filed_on"],
        reopened_count=data["reopened_count"],
        version=data["version"],
    )
