"""Judgments and rulings (M7): the decision with its appeal window, appeals, sweeps and the Q&A after judgment."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from adr_contracts.court import (
    AppealSettledV1,
    DecisionIssuedV1,
)
from adr_contracts.vocabulary import CaseOutcome, DecisionKind
from adr_court_bridge.domain.deadlines import Periods
from adr_court_bridge.domain.decisions import OPEN, Decision
from adr_court_bridge.domain.errors import DecisionRefused, RecordNotFound
from adr_court_bridge.store.tables import (
    decisions,
    qa_sessions,
)
from adr_court_bridge.studio.common import filed_case
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.ids import new_uuid7

# --- decisions, Q&A and appeals (M7) ---


async def _write_decision(
    uow: CourtBridgeUnitOfWork,
    case_id: UUID,
    decision: Decision,
    *,
    outcome: CaseOutcome,
    document_no: str | None,
    agency_codes: Sequence[str],
    now: datetime,
) -> None:
    """Writes the decision's row, open for appeal until its deadline."""
    await uow.session.execute(
        insert(decisions).values(
            id=decision.id,
            case_id=case_id,
            kind=decision.kind,
            outcome=outcome.value,
            document_no=document_no,
            issued_on=decision.issued_on,
            served_on=decision.served_on,
            appeal_deadline=decision.appeal_deadline,
            agency_codes=agency_codes,
            status=OPEN,
            recorded_at=now,
        )
    )


def _decision_issued(
    decision: Decision, kind: DecisionKind, outcome: CaseOutcome, agency_codes: Sequence[str]
) -> DecisionIssuedV1:
    """The event announcing the decision and its appeal deadline to the other services."""
    return DecisionIssuedV1(
        decision_id=decision.id,
        kind=kind,
        outcome=outcome,
        issued_on=decision.issued_on,
        served_on=decision.served_on,
        appeal_deadline=decision.appeal_deadline,
        agency_codes=list(agency_codes),
    )


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
        case = await filed_case(uow, case_id)
        if issued_on < case.filed_on:
            raise DecisionRefused("裁判日期不能早于立案日期")
        deadline = periods.appeal_deadline(kind.value, served_on).day
        decision = Decision(
            id=new_uuid7(), kind=kind.value, issued_on=issued_on, served_on=served_on, appeal_deadline=deadline
        )
        await _write_decision(
            uow, case_id, decision, outcome=outcome, document_no=document_no, agency_codes=case.agency_codes, now=now
        )
        uow.publish(_decision_issued(decision, kind, outcome, case.agency_codes), case_id=case_id, at=now)
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
