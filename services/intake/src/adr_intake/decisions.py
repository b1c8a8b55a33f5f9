"""Intake's decisions on a registered dispute: classification by hand (C2), lead agency (A1), withdrawal."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from adr_intake.domain.classification import by_hand
from adr_intake.uow import IntakeUnitOfWork


@dataclass(frozen=True)
class ClassifyDispute:
    case_id: UUID
    major: bool
    group: bool
    sensitive: bool
    reason: str


@dataclass(frozen=True)
class DecideLeadAgency:
    case_id: UUID
    lead_agency_code: str
    reasons: str
    decided_on: date


@dataclass(frozen=True)
class WithdrawDispute:
    case_id: UUID
    reason_code: str


async def classify_dispute(cmd: ClassifyDispute, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Sets the flags by hand with the reason; a dispute becoming major alerts the centre at once."""
    classification = by_hand(major=cmd.major, group=cmd.group, sensitive=cmd.sensitive, note=cmd.reason)
    async with uow:
        dispute = await uow.disputes.get(cmd.case_id)
        dispute.classify(classification, now=now)
        if dispute.events:
            await uow.disputes.save(dispute)
        await uow.commit()


async def decide_lead_agency(cmd: DecideLeadAgency, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Records the Justice Bureau's and the court's choice of lead agency; its liaisons are to be notified."""
    async with uow:
        dispute = await uow.disputes.get(cmd.case_id)
        liaisons = await uow.directory.liaison_ids(cmd.lead_agency_code)
        dispute.decide_lead_agency(
            cmd.lead_agency_code, reasons=cmd.reasons, decided_on=cmd.decided_on, liaisons=liaisons, now=now
        )
        await uow.disputes.save(dispute)
        await uow.commit()


async def withdraw_dispute(cmd: WithdrawDispute, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Records the applicant's withdrawal of a dispute not yet routed."""
    async with uow:
        dispute = await uow.disputes.get(cmd.case_id)
        dispute.withdraw(reason_code=cmd.reason_code, now=now)
        await uow.disputes.save(dispute)
        await uow.commit()
