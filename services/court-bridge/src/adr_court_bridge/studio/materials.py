"""Materials and plans of a filed case (A4, M1, J4): service of the complaint, the agency's resolution
plans with their evidence, and the specific authorisation of its representative."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import func, insert, select

from adr_contracts.court import (
    ResolutionPlanSubmittedV1,
)
from adr_court_bridge.domain.deadlines import Periods
from adr_court_bridge.domain.errors import PlanRefused
from adr_court_bridge.store.tables import (
    authorisations,
    complaint_services,
    evidence_files,
    resolution_plans,
)
from adr_court_bridge.studio.common import filed_case
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.ids import new_uuid7

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024

# --- materials and plans (A4, M1, J4) ---


async def serve_complaint(
    case_id: UUID, agency_code: str, served_on: date, uow: CourtBridgeUnitOfWork, *, periods: Periods, now: datetime
) -> date:
    """Records service of the complaint on the agency; returns its defence deadline (15 days)."""
    async with uow:
        case = await filed_case(uow, case_id)
        if agency_code not in case.agency_codes:
            raise PlanRefused(f"机关 {agency_code} 不是本案被诉机关")
        if served_on < case.filed_on:
            raise PlanRefused("送达日期不能早于立案日期")
        existing = await uow.session.scalar(
            select(complaint_services.c.id).where(
                complaint_services.c.case_id == case_id, complaint_services.c.agency_code == agency_code
            )
        )
        if existing is not None:
            raise PlanRefused(f"已向机关 {agency_code} 送达起诉状副本")
        due = periods.defence_due(served_on)
        await uow.session.execute(
            insert(complaint_services).values(
                id=new_uuid7(),
                case_id=case_id,
                agency_code=agency_code,
                served_on=served_on,
                defence_due_on=due.day,
                provisional=due.provisional,
                recorded_at=now,
            )
        )
        uow.note(case_id, "court.complaint.served", now, agency_code=agency_code, defence_due_on=due.day.isoformat())
        await uow.commit()
    return due.day


@dataclass(frozen=True)
class EvidenceFile:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class PlanSubmission:
    agency_code: str
    submitted_on: date
    cause: str
    earlier_steps: str
    next_measures: str
    agency_decision: str | None = None
    responding_unit: str | None = None
    sealing_documents: tuple[str, ...] = ()
    major_case_argument: str | None = None
    evidence: tuple[EvidenceFile, ...] = ()


def _check_evidence(evidence: tuple[EvidenceFile, ...]) -> None:
    """Refuses the submission if any evidence file is empty or larger than 20 MB."""
    for item in evidence:
        if not item.content or len(item.content) > MAX_EVIDENCE_BYTES:
            raise PlanRefused(f"证据文件“{item.filename}”为空或超过20MB")


async def _defence_due_on(uow: CourtBridgeUnitOfWork, case_id: UUID, agency_code: str) -> date:
    """The agency's defence deadline; refuses the plan if the complaint was never served on it."""
    service = (
        await uow.session.execute(
            select(complaint_services).where(
                complaint_services.c.case_id == case_id, complaint_services.c.agency_code == agency_code
            )
        )
    ).one_or_none()
    if service is None:
        raise PlanRefused(f"尚未向机关 {agency_code} 送达起诉状副本，不能登记化解方案")
    due_on: date = service.defence_due_on
    return due_on


async def _next_version(uow: CourtBridgeUnitOfWork, case_id: UUID, agency_code: str) -> tuple[UUID, int]:
    """The agency's plan id and the number of the version being submitted (a new plan starts at 1)."""
    previous = (
        await uow.session.execute(
            select(resolution_plans.c.plan_id, func.max(resolution_plans.c.version))
            .where(resolution_plans.c.case_id == case_id, resolution_plans.c.agency_code == agency_code)
            .group_by(resolution_plans.c.plan_id)
        )
    ).one_or_none()
    return (previous[0], previous[1] + 1) if previous else (new_uuid7(), 1)


@dataclass(frozen=True)
class _PlanVersion:
    """Where one submitted version stands: its row, plan, number, deadline and whether it came in time."""

    row_id: UUID
    plan_id: UUID
    version: int
    defence_due_on: date
    on_time: bool


async def _write_plan(
    uow: CourtBridgeUnitOfWork, case_id: UUID, plan: PlanSubmission, placed: _PlanVersion, now: datetime
) -> None:
    """Writes the plan's version row and one row per evidence file, with its SHA-256."""
    await uow.session.execute(
        insert(resolution_plans).values(
            id=placed.row_id,
            plan_id=placed.plan_id,
            case_id=case_id,
            agency_code=plan.agency_code,
            version=placed.version,
            submitted_on=plan.submitted_on,
            defence_due_on=placed.defence_due_on,
            on_time=placed.on_time,
            cause=plan.cause,
            earlier_steps=plan.earlier_steps,
            next_measures=plan.next_measures,
            agency_decision=plan.agency_decision,
            responding_unit=plan.responding_unit,
            sealing_documents=list(plan.sealing_documents),
            major_case_argument=plan.major_case_argument,
            recorded_at=now,
        )
    )
    for item in plan.evidence:
        await uow.session.execute(
            insert(evidence_files).values(
                id=new_uuid7(),
                plan_row_id=placed.row_id,
                case_id=case_id,
                filename=item.filename[:200],
                content_type=item.content_type[:100],
                size=len(item.content),
                sha256=hashlib.sha256(item.content).hexdigest(),
                content=item.content,
            )
        )


def _plan_submitted(plan: PlanSubmission, placed: _PlanVersion) -> ResolutionPlanSubmittedV1:
    """The event announcing this version of the plan."""
    return ResolutionPlanSubmittedV1(
        plan_id=placed.plan_id,
        version=placed.version,
        agency_code=plan.agency_code,
        submitted_on=plan.submitted_on,
        defence_due_on=placed.defence_due_on,
        on_time=placed.on_time,
        evidence_count=len(plan.evidence),
    )


async def submit_plan(
    case_id: UUID, plan: PlanSubmission, uow: CourtBridgeUnitOfWork, *, now: datetime
) -> tuple[UUID, int]:
    """Records a version of the agency's substantive resolution plan with its evidence (SHA-256 kept)."""
    _check_evidence(plan.evidence)
    async with uow:
        await filed_case(uow, case_id)
        due_on = await _defence_due_on(uow, case_id, plan.agency_code)
        plan_id, version = await _next_version(uow, case_id, plan.agency_code)
        placed = _PlanVersion(
            row_id=new_uuid7(),
            plan_id=plan_id,
            version=version,
            defence_due_on=due_on,
            on_time=plan.submitted_on <= due_on,
        )
        await _write_plan(uow, case_id, plan, placed, now)
        uow.publish(_plan_submitted(plan, placed), case_id=case_id, at=now)
        await uow.commit()
    return plan_id, version


@dataclass(frozen=True)
class Authorisation:
    agency_code: str
    representative: str
    post: str
    powers: tuple[str, ...]
    granted_on: date


async def record_authorisation(
    case_id: UUID, grant: Authorisation, uow: CourtBridgeUnitOfWork, *, now: datetime
) -> UUID:
    """Records the agency's specific authorisation of its representative (特别授权)."""
    if not grant.powers:
        raise PlanRefused("特别授权须列明授权事项")
    async with uow:
        await filed_case(uow, case_id)
        row_id = new_uuid7()
        await uow.session.execute(
            insert(authorisations).values(
                id=row_id,
                case_id=case_id,
                agency_code=grant.agency_code,
                representative=grant.representative,
                post=grant.post,
                powers=list(grant.powers),
                granted_on=grant.granted_on,
                recorded_at=now,
            )
        )
        uow.note(case_id, "court.authorisation.recorded", now, agency_code=grant.agency_code)
        await uow.commit()
    return row_id
