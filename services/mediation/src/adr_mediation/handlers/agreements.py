"""Use cases of the settlement agreement and its obligations: drafting, signing, judicial confirmation,
performance, the ways a case ends, and the sweep of overdue obligations."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Row, select

from adr_mediation.domain.events import Noted
from adr_mediation.domain.model import (
    Agreement,
    MediationCase,
    MediationStatus,
    Obligation,
    Signature,
)
from adr_mediation.handlers.common import change_case
from adr_mediation.store.tables import (
    mediation_cases,
    obligations,
)
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.clock import local_date
from adr_runtime.ids import new_uuid7

# -- the agreement ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObligationDraft:
    obligor_kind: str
    description: str
    due_on: date
    agency_code: str | None = None
    amount_fen: int | None = None


def _obligations(drafts: list[ObligationDraft]) -> tuple[Obligation, ...]:
    """The drafted obligations as the agreement's obligations, each with a new identity."""
    return tuple(
        Obligation(
            id=new_uuid7(),
            obligor_kind=o.obligor_kind,
            description=o.description,
            due_on=o.due_on,
            agency_code=o.agency_code,
            amount_fen=o.amount_fen,
        )
        for o in drafts
    )


async def draft_agreement(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    *,
    drafted_on: date,
    terms: str,
    obligations_: list[ObligationDraft],
    confirmation_requested: bool,
    now: datetime,
) -> UUID:
    """Drafts (or redrafts, until signed) the agreement with its obligations (W3, W4)."""
    agreement_id = new_uuid7()

    def draft(case: MediationCase) -> None:
        nonlocal agreement_id
        if case.agreement is not None and case.status is MediationStatus.AGREEMENT:
            agreement_id = case.agreement.id  # a redraft keeps the agreement's identity
        case.draft_agreement(
            Agreement(
                id=agreement_id,
                drafted_on=drafted_on,
                terms=terms,
                obligations=_obligations(obligations_),
                confirmation_requested=confirmation_requested,
            ),
            now=now,
        )

    await change_case(uow, mediation_case_id, draft)
    return agreement_id


async def sign_agreement(
    uow: MediationUnitOfWork, mediation_case_id: UUID, signatures: list[Signature], *, now: datetime
) -> None:
    """Records signatures; the last required one makes the agreement effective (AgreementReachedV1)."""
    await change_case(uow, mediation_case_id, lambda case: case.sign_agreement(tuple(signatures), now=now))


async def request_confirmation(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, requested_on: date, now: datetime
) -> None:
    """Sends the parties' application for judicial confirmation to the court side (W3)."""
    await change_case(
        uow, mediation_case_id, lambda case: case.request_confirmation(requested_on=requested_on, now=now)
    )


async def record_ruling(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    *,
    agreement_id: UUID,
    outcome: str,
    ruling_no: str,
    ruled_on: date,
    now: datetime,
) -> None:
    """Records the court's confirmation ruling on the agreement."""
    await change_case(
        uow,
        mediation_case_id,
        lambda case: case.record_ruling(
            agreement_id=agreement_id, outcome=outcome, ruling_no=ruling_no, ruled_on=ruled_on, now=now
        ),
    )


# -- obligations and endings -----------------------------------------------------------------------------


async def fulfil_obligation(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    obligation_id: UUID,
    *,
    fulfilled_on: date,
    evidence_note: str,
    now: datetime,
) -> None:
    """Records an obligation performed, with its evidence (W4)."""
    await change_case(
        uow,
        mediation_case_id,
        lambda case: case.fulfil(obligation_id, fulfilled_on=fulfilled_on, evidence_note=evidence_note, now=now),
    )


async def close_performed(uow: MediationUnitOfWork, mediation_case_id: UUID, *, closed_on: date, now: datetime) -> None:
    """Closes a case whose obligations were all performed (MediationClosedV1 agreement_performed)."""
    await change_case(uow, mediation_case_id, lambda case: case.close_performed(closed_on=closed_on, now=now))


async def withdraw(uow: MediationUnitOfWork, mediation_case_id: UUID, *, withdrawn_on: date, now: datetime) -> None:
    """The applicant withdrew (MediationClosedV1 withdrawn)."""
    await change_case(uow, mediation_case_id, lambda case: case.withdraw(withdrawn_on=withdrawn_on, now=now))


async def self_correct(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, corrected_on: date, note: str, now: datetime
) -> None:
    """The agency corrected its act itself (M6; MediationClosedV1 self_corrected)."""

    def correct(case: MediationCase) -> None:
        case.self_correct(corrected_on=corrected_on, now=now)
        if note.strip():
            case.events.append(Noted(case.case_id, now, "mediation.self_correction.note", {"note": note.strip()}))

    await change_case(uow, mediation_case_id, correct)


@dataclass(frozen=True)
class SweepResult:
    """What a sweep of the obligations found: escalations published and reminders due."""

    overdue_published: int
    reminders: list[dict[str, object]] = field(default_factory=list)


async def _open_obligations(uow: MediationUnitOfWork) -> Sequence[Row[Any]]:
    """Loads the unperformed obligations of cases in performance, the earliest due first."""
    return (
        await uow.session.execute(
            select(
                obligations.c.id,
                obligations.c.mediation_case_id,
                obligations.c.due_on,
                obligations.c.description,
                obligations.c.obligor_kind,
                obligations.c.agency_code,
            )
            .join(mediation_cases, mediation_cases.c.agreement_id == obligations.c.agreement_id)
            .where(mediation_cases.c.status == MediationStatus.PERFORMING.value, obligations.c.fulfilled_on.is_(None))
            .order_by(obligations.c.due_on)
        )
    ).all()


def _reminder(row: Row[Any]) -> dict[str, object]:
    """The reminder of an obligation falling due soon."""
    return {
        "mediation_case_id": row.mediation_case_id,
        "obligation_id": row.id,
        "due_on": row.due_on,
        "description": row.description,
        "obligor_kind": row.obligor_kind,
        "agency_code": row.agency_code,
    }


async def sweep_obligations(uow: MediationUnitOfWork, *, now: datetime, remind_within_days: int) -> SweepResult:
    """Publishes ObligationOverdueV1 once for each obligation past due; lists those due within N days.

    Driven by the database and idempotent: a second run the same day publishes nothing more.
    """
    today = local_date(now)
    async with uow:
        rows = await _open_obligations(uow)
        published = 0
        reminders: list[dict[str, object]] = []
        loaded: dict[UUID, MediationCase] = {}
        for row in rows:
            if row.due_on < today and row.mediation_case_id:
                case = loaded.get(row.mediation_case_id) or await uow.cases.get(row.mediation_case_id)
                loaded[case.id] = case
                published += case.notice_overdue(row.id, today=today, now=now)
            elif row.due_on <= today + timedelta(days=remind_within_days):
                reminders.append(_reminder(row))
        for case in loaded.values():
            await uow.cases.save(case)
        await uow.commit()
    return SweepResult(overdue_published=published, reminders=reminders)
