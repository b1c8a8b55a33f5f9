"""Intake's use cases: each one loads, asks the domain, and commits through the unit of work."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from adr_intake.domain.model import Applicant, Dispute, Stage
from adr_intake.uow import IntakeUnitOfWork
from adr_runtime.ids import new_uuid7


@dataclass(frozen=True)
class RegisterDispute:
    channel: str
    received_on: date
    agency_codes: tuple[str, ...]
    act_type: str
    applicants: tuple[Applicant, ...]
    claims_summary: str
    mediation_consent: bool


@dataclass(frozen=True)
class RouteDispute:
    case_id: UUID
    route: str
    reason_code: str
    basis: str | None


async def register_dispute(cmd: RegisterDispute, uow: IntakeUnitOfWork, *, now: datetime, number_format: str) -> UUID:
    """Registers a dispute and gives it its number at once (先登后调, M3); returns its case id."""
    async with uow:
        seq = await uow.disputes.next_registration_seq(now.year)
        dispute = Dispute.register(
            id=new_uuid7(),
            registration_no=number_format.format(year=now.year, seq=seq),
            channel=cmd.channel,
            received_on=cmd.received_on,
            registered_at=now,
            agency_codes=cmd.agency_codes,
            act_type=cmd.act_type,
            applicants=cmd.applicants,
            claims_summary=cmd.claims_summary,
            mediation_consent=cmd.mediation_consent,
        )
        await uow.disputes.add(dispute)
        await uow.commit()
    return dispute.id


async def route_dispute(cmd: RouteDispute, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Sends a registered dispute to mediation, filing, reconsideration, or not accepted."""
    async with uow:
        dispute = await uow.disputes.get(cmd.case_id)
        dispute.route_to(cmd.route, reason_code=cmd.reason_code, basis=cmd.basis, now=now)
        await uow.disputes.save(dispute)
        await uow.commit()


async def follow_stage(case_id: UUID, stage: Stage, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Shows on the board what another institution reported about the dispute."""
    async with uow:
        dispute = await uow.disputes.get(case_id)
        dispute.move_to(stage, now=now)
        if dispute.events:
            await uow.disputes.save(dispute)
        await uow.commit()
