"""Mediation's use cases: each one loads, asks the domain, and commits through the unit of work."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from adr_mediation.domain.model import Agreement, Failure, MediationCase, Referral, opens_mediation
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.ids import new_uuid7


@dataclass(frozen=True)
class OpenMediation:
    route: str
    referral: Referral


@dataclass(frozen=True)
class RecordAgreement:
    mediation_case_id: UUID
    agreement: Agreement


@dataclass(frozen=True)
class RecordFailure:
    mediation_case_id: UUID
    failure: Failure


async def open_mediation(
    cmd: OpenMediation, uow: MediationUnitOfWork, *, now: datetime, period_days: int
) -> UUID | None:
    """Opens the one mediation case of a dispute routed to mediation; returns None for other routes."""
    if not opens_mediation(cmd.route):
        return None
    async with uow:
        existing = await uow.cases.find_for_dispute(cmd.referral.case_id)
        case = MediationCase.open(cmd.referral, id=new_uuid7(), now=now, period_days=period_days, existing=existing)
        await uow.cases.add(case)
        await uow.commit()
    return case.id


async def record_agreement(cmd: RecordAgreement, uow: MediationUnitOfWork, *, now: datetime) -> None:
    """Closes an open mediation case with the parties' settlement agreement (W3)."""
    async with uow:
        case = await uow.cases.get(cmd.mediation_case_id)
        case.reach_agreement(cmd.agreement, now=now)
        await uow.cases.save(case)
        await uow.commit()


async def record_failure(cmd: RecordFailure, uow: MediationUnitOfWork, *, now: datetime) -> None:
    """Closes an open mediation case without agreement and sends the dispute on (A2, M3)."""
    async with uow:
        case = await uow.cases.get(cmd.mediation_case_id)
        case.fail(cmd.failure, now=now)
        await uow.cases.save(case)
        await uow.commit()
