"""Use cases of a filed case in the court studio: materials and plans (A4, M1, J4), hearings (M5),
decisions and appeals (M7), judicial confirmation (W3), enforcement review (K3) and open trials (M8).

Each commits its records and the events they raise in one transaction (outbox).
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select, update

from adr_contracts.court import (
    AppealSettledV1,
    ConfirmationRuledV1,
    DecisionIssuedV1,
    HearingHeldV1,
    ResolutionPlanSubmittedV1,
)
from adr_contracts.vocabulary import CaseOutcome, ConfirmationOutcome, DecisionKind, SuggestionKind
from adr_court_bridge.domain.case_numbers import CaseNumbering
from adr_court_bridge.domain.deadlines import Periods
from adr_court_bridge.domain.decisions import OPEN, Decision
from adr_court_bridge.domain.errors import DecisionRefused, HearingRefused, PlanRefused, RecordNotFound
from adr_court_bridge.domain.hearings import Appearance, HeadRequired, check_notice
from adr_court_bridge.domain.suggestions import TOPIC_OF_TRIGGER, Trigger
from adr_court_bridge.store.tables import (
    authorisations,
    complaint_services,
    confirmations,
    court_cases,
    decisions,
    enforcement_reviews,
    evidence_files,
    hearings,
    observations,
    qa_sessions,
    resolution_plans,
)
from adr_court_bridge.suggestions import DRAFT_TEXT, Draft, propose
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.ids import new_uuid7

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


async def _case(uow: CourtBridgeUnitOfWork, case_id: UUID) -> Any:
    row = (await uow.session.execute(select(court_cases).where(court_cases.c.case_id == case_id))).one_or_none()
    if row is None:
        raise RecordNotFound("已立案案件", case_id)
    return row


# --- materials and plans (A4, M1, J4) ---


async def serve_complaint(
    case_id: UUID, agency_code: str, served_on: date, uow: CourtBridgeUnitOfWork, *, periods: Periods, now: datetime
) -> date:
    """Records service of the complaint on the agency; returns its defence deadline (15 days)."""
    async with uow:
        case = await _case(uow, case_id)
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


async def submit_plan(
    case_id: UUID, plan: PlanSubmission, uow: CourtBridgeUnitOfWork, *, now: datetime
) -> tuple[UUID, int]:
    """Records a version of the agency's substantive resolution plan with its evidence (SHA-256 kept)."""
    for item in plan.evidence:
        if not item.content or len(item.content) > MAX_EVIDENCE_BYTES:
            raise PlanRefused(f"证据文件“{item.filename}”为空或超过20MB")
    async with uow:
        await _case(uow, case_id)
        service = (
            await uow.session.execute(
                select(complaint_services).where(
                    complaint_services.c.case_id == case_id, complaint_services.c.agency_code == plan.agency_code
                )
            )
        ).one_or_none()
        if service is None:
            raise PlanRefused(f"尚未向机关 {plan.agency_code} 送达起诉状副本，不能登记化解方案")
        previous = (
            await uow.session.execute(
                select(resolution_plans.c.plan_id, func.max(resolution_plans.c.version))
                .where(resolution_plans.c.case_id == case_id, resolution_plans.c.agency_code == plan.agency_code)
                .group_by(resolution_plans.c.plan_id)
            )
        ).one_or_none()
        plan_id, version = (previous[0], previous[1] + 1) if previous else (new_uuid7(), 1)
        row_id = new_uuid7()
        on_time = plan.submitted_on <= service.defence_due_on
        await uow.session.execute(
            insert(resolution_plans).values(
                id=row_id,
                plan_id=plan_id,
                case_id=case_id,
                agency_code=plan.agency_code,
                version=version,
                submitted_on=plan.submitted_on,
                defence_due_on=service.defence_due_on,
                on_time=on_time,
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
                    plan_row_id=row_id,
                    case_id=case_id,
                    filename=item.filename[:200],
                    content_type=item.content_type[:100],
                    size=len(item.content),
                    sha256=hashlib.sha256(item.content).hexdigest(),
                    content=item.content,
                )
            )
        uow.publish(
            ResolutionPlanSubmittedV1(
                plan_id=plan_id,
                version=version,
                agency_code=plan.agency_code,
                submitted_on=plan.submitted_on,
                defence_due_on=service.defence_due_on,
                on_time=on_time,
                evidence_count=len(plan.evidence),
            ),
            case_id=case_id,
            at=now,
        )
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
        await _case(uow, case_id)
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


# --- hearings and heads in court (M5, RULES.md §4) ---


async def schedule_hearing(
    case_id: UUID,
    *,
    agency_code: str,
    instance: str,
    hearing_on: date,
    noticed_on: date,
    head_required: HeadRequired,
    uow: CourtBridgeUnitOfWork,
    periods: Periods,
    now: datetime,
) -> UUID:
    """Schedules a hearing with its appearance notice, refused when served less than 3 days ahead."""
    check_notice(periods, noticed_on=noticed_on, hearing_on=hearing_on)
    async with uow:
        await _case(uow, case_id)
        hearing_id = new_uuid7()
        await uow.session.execute(
            insert(hearings).values(
                id=hearing_id,
                case_id=case_id,
                agency_code=agency_code,
                instance=instance,
                hearing_on=hearing_on,
                noticed_on=noticed_on,
                head_required=head_required.value,
                status="scheduled",
                recorded_at=now,
            )
        )
        uow.note(case_id, "court.hearing.scheduled", now, hearing_on=hearing_on.isoformat())
        await uow.commit()
    return hearing_id


async def record_hearing(
    hearing_id: UUID, appearance: Appearance, held_on: date, uow: CourtBridgeUnitOfWork, *, now: datetime
) -> UUID | None:
    """Records who appeared (→ HearingHeldV1); a violation proposes a suggestion draft. Returns the draft's id."""
    async with uow:
        row = (await uow.session.execute(select(hearings).where(hearings.c.id == hearing_id))).one_or_none()
        if row is None:
            raise RecordNotFound("庭审", hearing_id)
        if row.status != "scheduled":
            raise HearingRefused("该庭审的出庭情况已经登记")
        required = HeadRequired(row.head_required)
        await uow.session.execute(
            update(hearings)
            .where(hearings.c.id == hearing_id)
            .values(
                status="held",
                held_on=held_on,
                appeared=appearance.appeared.value,
                head_rank=appearance.head_rank.value if appearance.head_rank else None,
                spoke_to_substance=appearance.spoke_to_substance,
                absence_reason_code=appearance.absence_reason_code,
                absence_reason_accepted=appearance.absence_reason_accepted,
            )
        )
        uow.publish(
            HearingHeldV1(
                hearing_id=hearing_id,
                held_on=held_on,
                agency_code=row.agency_code,
                head_required=required is not HeadRequired.NONE,
                head_appeared=appearance.head_appeared,
                head_rank=appearance.head_rank.value if appearance.head_rank else None,
                spoke_to_substance=appearance.spoke_to_substance,
                absence_reason_code=appearance.absence_reason_code,
            ),
            case_id=row.case_id,
            at=now,
        )
        draft_id = None
        if appearance.violation(required):
            draft = Draft(
                trigger=Trigger.HEAD_ABSENT,
                kind=SuggestionKind.INDIVIDUAL,
                topic_code=TOPIC_OF_TRIGGER[Trigger.HEAD_ABSENT],
                content=DRAFT_TEXT[Trigger.HEAD_ABSENT],
                agency_code=row.agency_code,
                case_id=row.case_id,
                source_ref=f"hearing:{hearing_id}",
            )
            draft_id = await propose(draft, uow, now=now)
        await uow.commit()
    return draft_id


# --- decisions, Q&A and appeals (M7) ---


async def issue_decision(
    case_id: UUID,
    *,
    kind: DecisionKind,
    outcome: CaseOutcome,
    issued_on: date,
    served_on: date,
    document_no: str | None,
    uow: CourtBridgeUnitOfWork,
    periods: Periods,
    now: datetime,
) -> UUID:
    """Records a judgment or ruling with its appeal window (→ DecisionIssuedV1)."""
    async with uow:
        case = await _case(uow, case_id)
        if issued_on < case.filed_on:
            raise DecisionRefused("裁判日期不能早于立案日期")
        deadline = periods.appeal_deadline(kind.value, served_on).day
        decision = Decision(
            id=new_uuid7(), kind=kind.value, issued_on=issued_on, served_on=served_on, appeal_deadline=deadline
        )
        await uow.session.execute(
            insert(decisions).values(
                id=decision.id,
                case_id=case_id,
                kind=kind.value,
                outcome=outcome.value,
                document_no=document_no,
                issued_on=issued_on,
                served_on=served_on,
                appeal_deadline=deadline,
                agency_codes=case.agency_codes,
                status=OPEN,
                recorded_at=now,
            )
        )
        uow.publish(
            DecisionIssuedV1(
                decision_id=decision.id,
                kind=kind,
                outcome=outcome,
                issued_on=issued_on,
                served_on=served_on,
                appeal_deadline=deadline,
                agency_codes=list(case.agency_codes),
            ),
            case_id=case_id,
            at=now,
        )
        await uow.commit()
    return decision.id


async def _decision(uow: CourtBridgeUnitOfWork, decision_id: UUID) -> tuple[Any, Decision]:
    row = (await uow.session.execute(select(decisions).where(decisions.c.id == decision_id))).one_or_none()
    if row is None:
        raise RecordNotFound("裁判文书", decision_id)
    return row, Decision(
        id=row.id,
        kind=row.kind,
        issued_on=row.issued_on,
        served_on=row.served_on,
        appeal_deadline=row.appeal_deadline,
        status=row.status,
        appealed_on=row.appealed_on,
        appellant_is_agency=row.appellant_is_agency,
        settled_on=row.settled_on,
    )


async def _save_decision(uow: CourtBridgeUnitOfWork, decision: Decision) -> None:
    await uow.session.execute(
        update(decisions)
        .where(decisions.c.id == decision.id)
        .values(
            status=decision.status,
            appealed_on=decision.appealed_on,
            appellant_is_agency=decision.appellant_is_agency,
            settled_on=decision.settled_on,
        )
    )


async def record_appeal(
    decision_id: UUID, *, appealed_on: date, appellant_is_agency: bool, uow: CourtBridgeUnitOfWork, now: datetime
) -> None:
    """Records an appeal within the window (→ AppealSettledV1 appealed=true)."""
    async with uow:
        row, decision = await _decision(uow, decision_id)
        decision.appeal(appealed_on=appealed_on, appellant_is_agency=appellant_is_agency)
        await _save_decision(uow, decision)
        uow.publish(
            AppealSettledV1(
                decision_id=decision_id, appealed=True, appellant_is_agency=appellant_is_agency, settled_on=appealed_on
            ),
            case_id=row.case_id,
            at=now,
        )
        await uow.commit()


async def sweep_appeal_windows(uow: CourtBridgeUnitOfWork, *, today: date, now: datetime) -> int:
    """Settles every decision whose window closed without an appeal (→ AppealSettledV1 appealed=false); idempotent."""
    async with uow:
        rows = (
            await uow.session.execute(
                select(decisions.c.id).where(decisions.c.status == OPEN, decisions.c.appeal_deadline < today)
            )
        ).scalars()
        count = 0
        for decision_id in list(rows):
            row, decision = await _decision(uow, decision_id)
            if decision.close_window(today):
                await _save_decision(uow, decision)
                uow.publish(
                    AppealSettledV1(decision_id=decision_id, appealed=False, settled_on=today),
                    case_id=row.case_id,
                    at=now,
                )
                count += 1
        await uow.commit()
    return count


@dataclass(frozen=True)
class QaSession:
    held_on: date
    judge: str
    questions: str
    answers: str
    party_response: str  # accepted | will_appeal | undecided | petition


async def record_qa(decision_id: UUID, qa: QaSession, uow: CourtBridgeUnitOfWork, *, now: datetime) -> UUID:
    """Records a post-judgment Q&A session (判后答疑); it does not affect the appeal window."""
    async with uow:
        row, decision = await _decision(uow, decision_id)
        if qa.held_on < decision.served_on:
            raise DecisionRefused("判后答疑日期不能早于裁判送达日期")
        qa_id = new_uuid7()
        await uow.session.execute(
            insert(qa_sessions).values(
                id=qa_id,
                decision_id=decision_id,
                case_id=row.case_id,
                held_on=qa.held_on,
                judge=qa.judge,
                questions=qa.questions,
                answers=qa.answers,
                party_response=qa.party_response,
                recorded_at=now,
            )
        )
        uow.note(row.case_id, "court.decision.qa_held", now, decision_id=str(decision_id))
        await uow.commit()
    return qa_id


# --- judicial confirmation (W3) ---


async def rule_confirmation(
    agreement_id: UUID,
    *,
    outcome: ConfirmationOutcome,
    ruled_on: date,
    uow: CourtBridgeUnitOfWork,
    numbering: CaseNumbering,
    now: datetime,
) -> str:
    """Rules on an application for judicial confirmation (→ ConfirmationRuledV1); returns the ruling's number."""
    async with uow:
        row = (
            await uow.session.execute(select(confirmations).where(confirmations.c.agreement_id == agreement_id))
        ).one_or_none()
        if row is None:
            raise RecordNotFound("司法确认申请", agreement_id)
        if row.status != "requested":
            raise DecisionRefused("该司法确认申请已经作出裁定")
        if ruled_on < row.requested_on:
            raise DecisionRefused("裁定日期不能早于申请日期")
        serial = await uow.next_serial(numbering.confirmation_type, ruled_on.year)
        number = numbering.number(year=ruled_on.year, type_code=numbering.confirmation_type, serial=serial).text
        await uow.session.execute(
            update(confirmations)
            .where(confirmations.c.agreement_id == agreement_id)
            .values(status="ruled", outcome=outcome.value, ruling_no=number, ruled_on=ruled_on)
        )
        uow.publish(
            ConfirmationRuledV1(
                mediation_case_id=row.mediation_case_id,
                agreement_id=agreement_id,
                outcome=outcome,
                ruling_no=number,
                ruled_on=ruled_on,
            ),
            case_id=row.case_id,
            at=now,
        )
        await uow.commit()
    return number


# --- non-litigation enforcement review (K3) and open trials (M8) ---


async def receive_enforcement_application(
    *,
    agency_code: str,
    act_doc_no: str,
    applied_on: date,
    accepted_on: date,
    uow: CourtBridgeUnitOfWork,
    numbering: CaseNumbering,
    periods: Periods,
    now: datetime,
) -> UUID:
    """Accepts an agency's application to enforce its act (行审), numbered, with the 7-day review deadline."""
    if accepted_on < applied_on:
        raise DecisionRefused("受理日期不能早于申请日期")
    async with uow:
        serial = await uow.next_serial(numbering.enforcement_review_type, accepted_on.year)
        number = numbering.number(
            year=accepted_on.year, type_code=numbering.enforcement_review_type, serial=serial
        ).text
        review_id = new_uuid7()
        await uow.session.execute(
            insert(enforcement_reviews).values(
                id=review_id,
                review_no=number,
                agency_code=agency_code,
                act_doc_no=act_doc_no,
                applied_on=applied_on,
                accepted_on=accepted_on,
                review_due_on=periods.enforcement_review_due(accepted_on).day,
                recorded_at=now,
            )
        )
        uow.note(None, "court.enforcement_review.accepted", now, review_id=str(review_id))
        await uow.commit()
    return review_id


async def rule_enforcement(
    review_id: UUID, *, outcome: str, reasons: str, ruled_on: date, uow: CourtBridgeUnitOfWork, now: datetime
) -> None:
    """Records the legality review's outcome: enforce (准予执行) or refuse (不准予执行)."""
    if outcome not in ("enforce", "refuse"):
        raise DecisionRefused("审查结果应为准予执行或不准予执行")
    async with uow:
        row = (
            await uow.session.execute(select(enforcement_reviews).where(enforcement_reviews.c.id == review_id))
        ).one_or_none()
        if row is None:
            raise RecordNotFound("非诉执行审查", review_id)
        if row.outcome is not None:
            raise DecisionRefused("该申请已作出审查裁定")
        if ruled_on < row.accepted_on:
            raise DecisionRefused("裁定日期不能早于受理日期")
        await uow.session.execute(
            update(enforcement_reviews)
            .where(enforcement_reviews.c.id == review_id)
            .values(outcome=outcome, reasons=reasons, ruled_on=ruled_on)
        )
        uow.note(None, "court.enforcement_review.ruled", now, review_id=str(review_id), outcome=outcome)
        await uow.commit()


INVITEE_KINDS = {"agency": "行政机关工作人员", "npc_deputy": "人大代表", "cppcc_member": "政协委员"}


async def invite_observer(
    case_id: UUID,
    *,
    invitee_kind: str,
    invitee: str,
    invited_on: date,
    hearing_id: UUID | None,
    uow: CourtBridgeUnitOfWork,
    now: datetime,
) -> UUID:
    """Invites an agency, an NPC deputy or a CPPCC member to observe an open trial (M8)."""
    if invitee_kind not in INVITEE_KINDS:
        raise HearingRefused("旁听邀请对象应为行政机关、人大代表或政协委员")
    async with uow:
        await _case(uow, case_id)
        observation_id = new_uuid7()
        await uow.session.execute(
            insert(observations).values(
                id=observation_id,
                case_id=case_id,
                hearing_id=hearing_id,
                invitee_kind=invitee_kind,
                invitee=invitee,
                invited_on=invited_on,
                recorded_at=now,
            )
        )
        uow.note(case_id, "court.open_trial.invited", now, invitee_kind=invitee_kind)
        await uow.commit()
    return observation_id


async def record_opinion(
    observation_id: UUID,
    *,
    attended: bool,
    opinion: str | None,
    opinion_on: date,
    uow: CourtBridgeUnitOfWork,
    now: datetime,
) -> None:
    """Records whether the observer attended and their opinion."""
    async with uow:
        row = (await uow.session.execute(select(observations).where(observations.c.id == observation_id))).one_or_none()
        if row is None:
            raise RecordNotFound("旁听邀请", observation_id)
        await uow.session.execute(
            update(observations)
            .where(observations.c.id == observation_id)
            .values(attended=attended, opinion=opinion, opinion_on=opinion_on)
        )
        uow.note(row.case_id, "court.open_trial.opinion", now)
        await uow.commit()
