"""Mediation's use cases: each one loads, asks the domain, and commits through the unit of work."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID

from sqlalchemy import and_, delete, insert, select, update

from adr_mediation.domain import people as people_rules
from adr_mediation.domain import risk as risk_rules
from adr_mediation.domain import subsidy as subsidy_rules
from adr_mediation.domain.errors import (
    ConflictOfInterest,
    InvalidSession,
    MediationCaseNotFound,
    NoSubsidyFacts,
    SubsidyBatchClosed,
)
from adr_mediation.domain.events import Noted, RiskAssessed, SubsidyBatchApproved, SubsidyLine
from adr_mediation.domain.model import (
    Agreement,
    Failure,
    MediationCase,
    MediationStatus,
    Obligation,
    Referral,
    Signature,
    opens_mediation,
)
from adr_mediation.domain.subsidy import DIFFICULTIES
from adr_mediation.store import records
from adr_mediation.store.tables import (
    assignments,
    follow_ups,
    head_notices,
    mediation_cases,
    obligations,
    plans,
    resolution_plans,
    risk_assessments,
    session_people,
    sessions,
    subsidy_batches,
    subsidy_lines,
)
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.clock import local_date
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


CaseChange = Callable[[MediationCase], None]


async def _change(uow: MediationUnitOfWork, mediation_case_id: UUID, change: CaseChange) -> MediationCase:
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        change(case)
        await uow.cases.save(case)
        await uow.commit()
    return case


async def record_failure(cmd: RecordFailure, uow: MediationUnitOfWork, *, now: datetime) -> None:
    """Ends an active mediation case without agreement and sends the dispute on (A2, M3)."""
    await _change(uow, cmd.mediation_case_id, lambda case: case.fail(cmd.failure, now=now))


async def extend_period(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, extra_days: int, consented_on: date, parties_consent: bool,
    now: datetime,
) -> None:
    """Extends the mediation period with the parties' consent (Online-Med art.24)."""
    await _change(uow, mediation_case_id, lambda case: case.extend_period(
        extra_days, consented_on=consented_on, parties_consent=parties_consent, now=now))


# -- the agreement ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObligationDraft:
    obligor_kind: str
    description: str
    due_on: date
    agency_code: str | None = None
    amount_fen: int | None = None


async def draft_agreement(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, drafted_on: date, terms: str,
    obligations_: list[ObligationDraft], confirmation_requested: bool, now: datetime,
) -> UUID:
    """Drafts (or redrafts, until signed) the agreement with its obligations (W3, W4)."""
    agreement_id = new_uuid7()

    def draft(case: MediationCase) -> None:
        nonlocal agreement_id
        if case.agreement is not None and case.status is MediationStatus.AGREEMENT:
            agreement_id = case.agreement.id  # a redraft keeps the agreement's identity
        items = tuple(
            Obligation(id=new_uuid7(), obligor_kind=o.obligor_kind, description=o.description, due_on=o.due_on,
                       agency_code=o.agency_code, amount_fen=o.amount_fen)
            for o in obligations_
        )
        case.draft_agreement(
            Agreement(id=agreement_id, drafted_on=drafted_on, terms=terms, obligations=items,
                      confirmation_requested=confirmation_requested),
            now=now,
        )

    await _change(uow, mediation_case_id, draft)
    return agreement_id


async def sign_agreement(
    uow: MediationUnitOfWork, mediation_case_id: UUID, signatures: list[Signature], *, now: datetime
) -> None:
    """Records signatures; the last required one makes the agreement effective (AgreementReachedV1)."""
    await _change(uow, mediation_case_id, lambda case: case.sign_agreement(tuple(signatures), now=now))


async def request_confirmation(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, requested_on: date, now: datetime
) -> None:
    """Sends the parties' application for judicial confirmation to the court side (W3)."""
    await _change(uow, mediation_case_id, lambda case: case.request_confirmation(
        requested_on=requested_on, now=now))


async def record_ruling(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, agreement_id: UUID, outcome: str, ruling_no: str,
    ruled_on: date, now: datetime,
) -> None:
    """Records the court's confirmation ruling on the agreement."""
    await _change(uow, mediation_case_id, lambda case: case.record_ruling(
        agreement_id=agreement_id, outcome=outcome, ruling_no=ruling_no, ruled_on=ruled_on, now=now))


# -- obligations and endings -----------------------------------------------------------------------------


async def fulfil_obligation(
    uow: MediationUnitOfWork, mediation_case_id: UUID, obligation_id: UUID, *, fulfilled_on: date,
    evidence_note: str, now: datetime,
) -> None:
    """Records an obligation performed, with its evidence (W4)."""
    await _change(uow, mediation_case_id, lambda case: case.fulfil(
        obligation_id, fulfilled_on=fulfilled_on, evidence_note=evidence_note, now=now))


async def close_performed(uow: MediationUnitOfWork, mediation_case_id: UUID, *, closed_on: date, now: datetime) -> None:
    """Closes a case whose obligations were all performed (MediationClosedV1 agreement_performed)."""
    await _change(uow, mediation_case_id, lambda case: case.close_performed(closed_on=closed_on, now=now))


async def withdraw(uow: MediationUnitOfWork, mediation_case_id: UUID, *, withdrawn_on: date, now: datetime) -> None:
    """The applicant withdrew (MediationClosedV1 withdrawn)."""
    await _change(uow, mediation_case_id, lambda case: case.withdraw(withdrawn_on=withdrawn_on, now=now))


async def self_correct(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, corrected_on: date, note: str, now: datetime
) -> None:
    """The agency corrected its act itself (M6; MediationClosedV1 self_corrected)."""

    def correct(case: MediationCase) -> None:
        case.self_correct(corrected_on=corrected_on, now=now)
        if note.strip():
            case.events.append(Noted(case.case_id, now, "mediation.self_correction.note", {"note": note.strip()}))

    await _change(uow, mediation_case_id, correct)


@dataclass(frozen=True)
class SweepResult:
    """What a sweep of the obligations found: escalations published and reminders due."""

    overdue_published: int
    reminders: list[dict[str, object]] = field(default_factory=list)


async def sweep_obligations(
    uow: MediationUnitOfWork, *, now: datetime, remind_within_days: int
) -> SweepResult:
    """Publishes ObligationOverdueV1 once for each obligation past due; lists those due within N days.

    Driven by the database and idempotent: a second run the same day publishes nothing more.
    """
    today = local_date(now)
    async with uow:
        rows = (await uow.session.execute(
            select(obligations.c.id, obligations.c.mediation_case_id, obligations.c.due_on,
                   obligations.c.description, obligations.c.obligor_kind, obligations.c.agency_code)
            .join(mediation_cases, mediation_cases.c.agreement_id == obligations.c.agreement_id)
            .where(mediation_cases.c.status == MediationStatus.PERFORMING.value,
                   obligations.c.fulfilled_on.is_(None))
            .order_by(obligations.c.due_on)
        )).all()
        published = 0
        reminders: list[dict[str, object]] = []
        loaded: dict[UUID, MediationCase] = {}
        for row in rows:
            if row.due_on < today and row.mediation_case_id:
                case = loaded.get(row.mediation_case_id) or await uow.cases.get(row.mediation_case_id)
                loaded[case.id] = case
                published += case.notice_overdue(row.id, today=today, now=now)
            elif row.due_on <= today + timedelta(days=remind_within_days):
                reminders.append({
                    "mediation_case_id": row.mediation_case_id, "obligation_id": row.id, "due_on": row.due_on,
                    "description": row.description, "obligor_kind": row.obligor_kind, "agency_code": row.agency_code,
                })
        for case in loaded.values():
            await uow.cases.save(case)
        await uow.commit()
    return SweepResult(overdue_published=published, reminders=reminders)


# -- risk, follow-ups, difficulty -------------------------------------------------------------------------


async def assess_risk(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, kind: str, factor_codes: list[str], reasons: str,
    measures: list[str], assessed_on: date, thresholds: risk_rules.Thresholds, now: datetime,
) -> risk_rules.RiskAssessment:
    """Assesses petition or stability risk; the RiskAssessedV1 event (an alert when high) commits with it."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        assessment = risk_rules.assess(
            id=new_uuid7(), mediation_case_id=case.id, kind=kind, factor_codes=tuple(factor_codes), reasons=reasons,
            assessed_on=assessed_on, measures=tuple(measures), thresholds=thresholds,
        )
        await uow.session.execute(insert(risk_assessments).values(
            id=assessment.id, mediation_case_id=case.id, kind=assessment.kind, level=assessment.level,
            factor_codes=list(assessment.factor_codes), reasons=assessment.reasons, measures=list(assessment.measures),
            assessed_on=assessed_on, assessed_by=uow.actor,
        ))
        uow.events.append(RiskAssessed(
            case_id=case.case_id, mediation_case_id=case.id, at=now, kind=assessment.kind, level=assessment.level,
            factor_codes=assessment.factor_codes, assessed_on=assessed_on,
        ))
        if assessment.level == "high":
            uow.events.append(Noted(case.case_id, now, "mediation.risk.alert", {"kind": kind, "level": "high"}))
        await uow.commit()
    return assessment


async def add_risk_measure(
    uow: MediationUnitOfWork, mediation_case_id: UUID, assessment_id: UUID, *, measure: str, now: datetime
) -> None:
    """Records a measure taken against an assessed risk."""
    if not measure.strip():
        raise InvalidSession("请填写采取的措施（measure）")
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        row = (await uow.session.execute(select(risk_assessments.c.measures).where(
            risk_assessments.c.id == assessment_id, risk_assessments.c.mediation_case_id == case.id))).one_or_none()
        if row is None:
            raise MediationCaseNotFound(assessment_id)
        await uow.session.execute(update(risk_assessments).where(risk_assessments.c.id == assessment_id).values(
            measures=[*row.measures, measure.strip()]))
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
        await uow.session.execute(insert(follow_ups).values(
            id=new_uuid7(), mediation_case_id=case.id, visited_on=visited_on, outcome=outcome, note=note.strip(),
            reopened=reopened, visitor=uow.actor,
        ))
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

    await _change(uow, mediation_case_id, change)


# -- people and sessions (C3, C4, J2, J3, R1, W2) ---------------------------------------------------------


async def add_person(uow: MediationUnitOfWork, person: people_rules.Person) -> UUID:
    """Adds someone to the pool of mediators, lawyers, deputies, members, judges and agency staff."""
    if person.kind not in people_rules.KINDS:
        raise InvalidSession("人员类型（kind）不在名册类别之中")
    if person.kind == "agency_staff" and not person.agency_code:
        raise InvalidSession("行政机关工作人员须写明所属机关代码（agency_code）")
    async with uow:
        await records.insert_person(uow.session, person)
        await uow.commit()
    return person.id


async def assign_person(
    uow: MediationUnitOfWork, mediation_case_id: UUID, person_id: UUID, *, role: str, now: datetime
) -> None:
    """Assigns a mediator (lead or co) or a named agency handler, after the conflict-of-interest check."""
    if role not in ("lead", "co", "handler"):
        raise InvalidSession("角色（role）只能是 lead（主办）、co（协办）或 handler（机关承办人）")
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        person = await records.person(uow.session, person_id)
        people_rules.check_assignable(
            person, case_id=case.case_id, agency_codes=case.agency_codes, as_handler=role == "handler"
        )
        current = await records.assignment_roles(uow.session, case.id)
        if person_id in current:
            raise ConflictOfInterest(f"{person.name} 已在本案中")
        if role == "lead" and "lead" in current.values():
            await uow.session.execute(update(assignments).where(
                assignments.c.mediation_case_id == case.id, assignments.c.role == "lead").values(role="co"))
        await uow.session.execute(insert(assignments).values(
            mediation_case_id=case.id, person_id=person_id, role=role, assigned_at=now))
        uow.events.append(Noted(case.case_id, now, "mediation.person.assigned",
                                {"role": role, "kind": person.kind, "person_id": str(person_id)}))
        await uow.commit()


async def schedule_session(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, starts_at: datetime, ends_at: datetime, place: str,
    person_ids: list[UUID], now: datetime,
) -> UUID:
    """Schedules a session; refused with 409 if anyone in it is booked elsewhere at that time."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        if case.status not in (MediationStatus.OPENED, MediationStatus.IN_SESSION, MediationStatus.AGREEMENT,
                               MediationStatus.REOPENED):
            raise InvalidSession("案件已结束，不能再安排调解会谈")
        for person_id in person_ids:
            await records.person(uow.session, person_id)
        bookings = await records.bookings(uow.session, person_ids, starts_at, ends_at)
        people_rules.check_session(
            starts_at=starts_at, ends_at=ends_at, person_ids=tuple(person_ids), bookings=bookings
        )
        session_id = new_uuid7()
        await uow.session.execute(insert(sessions).values(
            id=session_id, mediation_case_id=case.id, starts_at=starts_at, ends_at=ends_at, place=place.strip(),
            status="scheduled", minutes=None))
        await uow.session.execute(insert(session_people), [
            {"session_id": session_id, "person_id": p, "starts_at": starts_at, "ends_at": ends_at, "active": True,
             "attended": None} for p in dict.fromkeys(person_ids)
        ])
        uow.events.append(Noted(case.case_id, now, "mediation.session.scheduled",
                                {"starts_at": starts_at.isoformat(), "people": len(set(person_ids))}))
        await uow.commit()
    return session_id


async def record_session(
    uow: MediationUnitOfWork, mediation_case_id: UUID, session_id: UUID, *, attended: Mapping[UUID, bool],
    minutes: str, now: datetime,
) -> None:
    """Records who attended and the minutes; the first session held puts the case in mediation (W2)."""
    if not minutes.strip():
        raise InvalidSession("请填写会谈笔录（minutes）")
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        row = await records.session_row(uow.session, case.id, session_id)
        if row.status != "scheduled":
            raise InvalidSession("该会谈已记录或已取消")
        case.session_held(held_on=local_date(row.starts_at))
        await uow.cases.save(case)
        await uow.session.execute(update(sessions).where(sessions.c.id == session_id).values(
            status="held", minutes=minutes.strip()))
        for person_id, present in attended.items():
            await uow.session.execute(update(session_people).where(
                session_people.c.session_id == session_id, session_people.c.person_id == person_id
            ).values(attended=present))
        uow.events.append(Noted(case.case_id, now, "mediation.session.held", {
            "attended": sum(1 for v in attended.values() if v), "absent": sum(1 for v in attended.values() if not v),
        }))
        await uow.commit()


async def cancel_session(uow: MediationUnitOfWork, mediation_case_id: UUID, session_id: UUID, *, now: datetime) -> None:
    """Cancels a scheduled session and frees the people's time."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        row = await records.session_row(uow.session, case.id, session_id)
        if row.status != "scheduled":
            raise InvalidSession("只有尚未举行的会谈可以取消")
        await uow.session.execute(update(sessions).where(sessions.c.id == session_id).values(status="cancelled"))
        await uow.session.execute(update(session_people).where(session_people.c.session_id == session_id)
                                  .values(active=False))
        uow.events.append(Noted(case.case_id, now, "mediation.session.cancelled", {}))
        await uow.commit()


async def send_head_notice(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, agency_code: str, session_id: UUID | None, sent_on: date,
    now: datetime,
) -> UUID:
    """Notifies a party agency's head to attend mediation (C3)."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        if agency_code not in case.agency_codes:
            raise InvalidSession("只能通知本案被申请机关的负责人（agency_code）")
        if session_id is not None:
            await records.session_row(uow.session, case.id, session_id)
        notice_id = new_uuid7()
        await uow.session.execute(insert(head_notices).values(
            id=notice_id, mediation_case_id=case.id, session_id=session_id, agency_code=agency_code, sent_on=sent_on,
            acknowledged_on=None, reminders=0, last_reminded_on=None))
        uow.events.append(Noted(case.case_id, now, "mediation.head_notice.sent", {"agency_code": agency_code}))
        await uow.commit()
    return notice_id


async def answer_head_notice(
    uow: MediationUnitOfWork, mediation_case_id: UUID, notice_id: UUID, *, action: str, on: date, now: datetime
) -> None:
    """Records the agency's acknowledgement of a head notice, or a reminder sent while it is unanswered."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        row = (await uow.session.execute(select(head_notices).where(
            head_notices.c.id == notice_id, head_notices.c.mediation_case_id == case.id))).one_or_none()
        if row is None:
            raise MediationCaseNotFound(notice_id)
        if row.acknowledged_on is not None:
            raise InvalidSession("该通知已签收")
        values: dict[str, object] = (
            {"acknowledged_on": on} if action == "acknowledge"
            else {"reminders": row.reminders + 1, "last_reminded_on": on}
        )
        await uow.session.execute(update(head_notices).where(head_notices.c.id == notice_id).values(**values))
        uow.events.append(Noted(case.case_id, now, f"mediation.head_notice.{action}d"
                                if action == "acknowledge" else "mediation.head_notice.reminded",
                                {"agency_code": row.agency_code}))
        await uow.commit()


async def add_plan_version(
    uow: MediationUnitOfWork, mediation_case_id: UUID, *, content: str, now: datetime
) -> int:
    """Adds the next version of the mediation plan (W2)."""
    if not content.strip():
        raise InvalidSession("调解方案内容（content）不能为空")
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        version = await records.next_plan_version(uow.session, case.id)
        await uow.session.execute(insert(plans).values(
            id=new_uuid7(), mediation_case_id=case.id, version=version, content=content.strip(), author=uow.actor,
            created_at=now))
        uow.events.append(Noted(case.case_id, now, "mediation.plan.version_added", {"version": version}))
        await uow.commit()
    return version


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


async def resolution_plan_submitted(
    uow: MediationUnitOfWork, case_id: UUID, *, plan_id: UUID, version: int, agency_code: str, submitted_on: date,
    defence_due_on: date, on_time: bool, evidence_count: int, now: datetime,
) -> None:
    """Keeps the agency's resolution plan that reached the court, for the dispute's workspace timeline."""
    async with uow:
        exists = await uow.session.scalar(select(resolution_plans.c.plan_id).where(
            resolution_plans.c.plan_id == plan_id, resolution_plans.c.version == version))
        if exists is None:
            await uow.session.execute(insert(resolution_plans).values(
                plan_id=plan_id, version=version, case_id=case_id, agency_code=agency_code, submitted_on=submitted_on,
                defence_due_on=defence_due_on, on_time=on_time, evidence_count=evidence_count))
            uow.events.append(Noted(case_id, now, "court.resolution_plan.submitted", {
                "version": version, "agency_code": agency_code, "on_time": on_time, "source": "court",
            }))
        await uow.commit()


# -- subsidies (R4) ---------------------------------------------------------------------------------------


async def draft_subsidy_batch(
    uow: MediationUnitOfWork, *, period: str, table: subsidy_rules.SubsidyTable, now: datetime
) -> UUID:
    """Computes a month's subsidies from the closed cases' records; replaces an earlier draft of that month."""
    async with uow:
        drafts = (await uow.session.execute(select(subsidy_batches.c.id).where(
            subsidy_batches.c.period == period, subsidy_batches.c.status == "draft"))).scalars().all()
        for old in drafts:
            await uow.session.execute(delete(subsidy_lines).where(subsidy_lines.c.batch_id == old))
            await uow.session.execute(delete(subsidy_batches).where(subsidy_batches.c.id == old))
        facts = await records.subsidy_facts(uow.session)
        lines = subsidy_rules.lines_for(period, facts, table)
        batch_id = new_uuid7()
        await uow.session.execute(insert(subsidy_batches).values(
            id=batch_id, period=period, status="draft", total_fen=sum(line.amount_fen for line in lines),
            created_at=now, created_by=uow.actor, approved_at=None, approved_by=None, approved_on=None))
        await uow.session.execute(insert(subsidy_lines), [
            {"batch_id": batch_id, "mediation_case_id": line.mediation_case_id, "person_id": line.mediator_id,
             "basis_code": line.basis_code, "amount_fen": line.amount_fen} for line in lines
        ])
        uow.events.append(Noted(None, now, "mediation.subsidy.batch_drafted",
                                {"period": period, "lines": len(lines)}))
        await uow.commit()
    return batch_id


async def approve_subsidy_batch(uow: MediationUnitOfWork, batch_id: UUID, *, now: datetime) -> None:
    """An administrator approves a drafted batch (SubsidyBatchApprovedV1); it cannot change afterwards."""
    async with uow:
        batch = (await uow.session.execute(select(subsidy_batches).where(subsidy_batches.c.id == batch_id))
                 ).one_or_none()
        if batch is None:
            raise NoSubsidyFacts("未找到该补贴批次")
        if batch.status != "draft":
            raise SubsidyBatchClosed("该补贴批次已审批，不能重复审批")
        lines = (await uow.session.execute(select(subsidy_lines).where(subsidy_lines.c.batch_id == batch_id)
                                           .order_by(subsidy_lines.c.person_id, subsidy_lines.c.mediation_case_id)
                                           )).all()
        approved_on = local_date(now)
        await uow.session.execute(update(subsidy_batches).where(
            and_(subsidy_batches.c.id == batch_id, subsidy_batches.c.status == "draft")
        ).values(status="approved", approved_at=now, approved_by=uow.actor, approved_on=approved_on))
        uow.events.append(SubsidyBatchApproved(
            batch_id=batch_id, at=now, period=batch.period, approved_on=approved_on,
            lines=tuple(SubsidyLine(
                mediator_id=line.person_id, mediation_case_id=line.mediation_case_id, basis_code=line.basis_code,
                amount_fen=line.amount_fen) for line in lines),
            total_fen=batch.total_fen,
        ))
        await uow.commit()
