"""Use cases of a mediation case's course: opening with consent, failure, the period and its extension, risk,
follow-up visits and difficulty, and what the court tells mediation about the case."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import insert, select, update

from adr_mediation.domain import risk as risk_rules
from adr_mediation.domain.errors import (
    InvalidSession,
    MediationCaseNotFound,
)
from adr_mediation.domain.events import DomainEvent, Noted, RiskAssessed
from adr_mediation.domain.model import (
    Failure,
    MediationCase,
    Referral,
    opens_mediation,
)
from adr_mediation.domain.subsidy import DIFFICULTIES
from adr_mediation.handlers.common import change_case
from adr_mediation.store.tables import (
    follow_ups,
    resolution_plans,
    risk_assessments,
)
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.ids import new_uuid7


@dataclass(frozen=True)
class OpenMediation:
    route: str
    referral: Referral


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


async def record_failure(cmd: RecordFailure, uow: MediationUnitOfWork, *, now: datetime) -> None:
    """Ends an active mediation case without agreement and sends the dispute on (A2, M3)."""
    await change_case(uow, cmd.mediation_case_id, lambda case: case.fail(cmd.failure, now=now))


async def extend_period(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    *,
    extra_days: int,
    consented_on: date,
    parties_consent: bool,
    now: datetime,
) -> None:
    """Extends the mediation period with the parties' consent (Online-Med art.24)."""
    await change_case(
        uow,
        mediation_case_id,
        lambda case: case.extend_period(
            extra_days, consented_on=consented_on, parties_consent=parties_consent, now=now
        ),
    )


# -- risk, follow-ups, difficulty -------------------------------------------------------------------------


async def assess_risk(
    uow: MediationUnitOfWork,
    mediation_case_id: UUID,
    *,
    kind: str,
    factor_codes: list[str],
    reasons: str,
    measures: list[str],
    assessed_on: date,
    thresholds: risk_rules.Thresholds,
    now: datetime,
) -> risk_rules.RiskAssessment:
    """Assesses petition or stability risk; the RiskAssessedV1 event (an alert when high) commits with it."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        assessment = risk_rules.assess(
            id=new_uuid7(),
            mediation_case_id=case.id,
            kind=kind,
            factor_codes=tuple(factor_codes),
            reasons=reasons,
            assessed_on=assessed_on,
            measures=tuple(measures),
            thresholds=thresholds,
        )
        await _insert_assessment(uow, assessment)
        uow.events.extend(_assessed(case.case_id, assessment, now))
        await uow.commit()
    return assessment


def _assessed(case_id: UUID, assessment: risk_rules.RiskAssessment, now: datetime) -> list[DomainEvent]:
    """The assessment's event, and an alert in the case history when the risk is high."""
    events: list[DomainEvent] = [
        RiskAssessed(
            case_id=case_id,
            mediation_case_id=assessment.mediation_case_id,
            at=now,
            kind=assessment.kind,
            level=assessment.level,
            factor_codes=assessment.factor_codes,
            assessed_on=assessment.assessed_on,
        )
    ]
    if assessment.level == "high":
        events.append(Noted(case_id, now, "mediation.risk.alert", {"kind": assessment.kind, "level": "high"}))
    return events


async def _insert_assessment(uow: MediationUnitOfWork, assessment: risk_rules.RiskAssessment) -> None:
    """The assessment's row, signed by the acting person."""
    await uow.session.execute(
        insert(risk_assessments).values(
            id=assessment.id,
            mediation_case_id=assessment.mediation_case_id,
            kind=assessment.kind,
            level=assessment.level,
            factor_codes=list(assessment.factor_codes),
            reasons=assessment.reasons,
            measures=list(assessment.measures),
            assessed_on=assessment.assessed_on,
            assessed_by=uow.actor,
        )
    )


async def add_risk_measure(
    uow: MediationUnitOfWork, mediation_case_id: UUID, assessment_id: UUID, *, measure: str, now: datetime
) -> None:
    """Records a measure taken against an assessed risk."""
    if not measure.strip():
        raise InvalidSession("请填写采取的措施（measure）")
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        row = (
            await uow.session.execute(
                select(risk_assessments.c.measures).where(
                    risk_assessments.c.id == assessment_id, risk_assessments.c.mediation_case_id == case.id
                )
            )
        ).one_or_none()
        if row is None:
            raise MediationCaseNotFound(assessment_id)
        await uow.session.execute(
            update(risk_assessments)
            .where(risk_assessments.c.id == assessment_id)
            .values(measures=[*row.measures, measure.strip()])
        )
        uow.events.append(Noted(case.case_id, now, "mediation.risk.measure", {"measure": measure.strip()}))
        await uow.commit()


async def record_follow_up(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, visited_on: date, outcome: str, note: str, now: datetime
) -> bool:
    """A follow-up visit (M10); a broken promise reopens the case. Returns whether it reopened."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        reopened = case.record_follow_up(visited_on=visited_on, outcome=outcome, now=now)
        await uow.cases.save(case)
        await uow.session.execute(
            insert(follow_ups).values(
                id=new_uuid7(),
                mediation_case_id=case.id,
                visited_on=visited_on,
                outcome=outcome,
                note=note.strip(),
                reopened=reopened,
                visitor=uow.actor,
            )
        )
        await uow.commit()
    return reopened


async def set_difficulty(uow: MediationUnitOfWork, mediation_case_id: UUID, difficulty: str, *, now: datetime) -> None:
    """Sets the case's difficulty tier (简易/一般/疑难复杂/重大), which the subsidy table prices."""
    if difficulty not in DIFFICULTIES:
        raise InvalidSession("难易程度（difficulty）只能是 simple、ordinary、difficult 或 major")

    def change(case: MediationCase) -> None:
        case.difficulty = difficulty
        case.version += 1
        case.events.append(Noted(case.case_id, now, "mediation.difficulty.set", {"difficulty": difficulty}))

    await change_case(uow, mediation_case_id, change)


# -- the court side ---------------------------------------------------------------------------------------


async def case_filed_in_court(
    uow: MediationUnitOfWork, case_id: UUID, *, court_case_no: str, filed_on: date, now: datetime
) -> bool:
    """Marks the dispute's mediation case as filed in court; False if mediation never had the dispute."""
    async with uow:
        case = await uow.cases.find_for_dispute(case_id)
        if case is None:
            return False
        case.filed_in_court(court_case_no=court_case_no, filed_on=filed_on, now=now)
        await uow.cases.save(case)
        await uow.commit()
    return True


def _plan_submitted(case_id: UUID, *, version: int, agency_code: str, on_time: bool, now: datetime) -> Noted:
    """The note of a resolution plan reaching the court, for the dispute's timeline."""
    return Noted(
        case_id,
        now,
        "court.resolution_plan.submitted",
        {
            "version": version,
            "agency_code": agency_code,
            "on_time": on_time,
            "source": "court",
        },
    )


async def resolution_plan_submitted(
    uow: MediationUnitOfWork,
    case_id: UUID,
    *,
    plan_id: UUID,
    version: int,
    agency_code: str,
    submitted_on: date,
    defence_due_on: date,
    on_time: bool,
    evidence_count: int,
    now: datetime,
) -> None:
    """Keeps the agency's resolution plan that reached the court, for the dispute's workspace timeline."""
    async with uow:
        exists = await uow.session.scalar(
            select(resolution_plans.c.plan_id).where(
                resolution_plans.c.plan_id == plan_id, resolution_plans.c.version == version
            )
        )
        if exists is None:
            await uow.session.execute(
                insert(resolution_plans).values(
                    plan_id=plan_id,
                    version=version,
                    case_id=case_id,
                    agency_code=agency_code,
                    submitted_on=submitted_on,
                    defence_due_on=defence_due_on,
                    on_time=on_time,
                    evidence_count=evidence_count,
                )
            )
            uow.events.append(
                _plan_submitted(case_id, version=version, agency_code=agency_code, on_time=on_time, now=now)
            )
        await uow.commit()
