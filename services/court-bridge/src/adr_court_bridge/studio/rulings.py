"""Judicial confirmation (W3), non-litigation enforcement review (K3) and open-trial observation (M8)."""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import insert, select, update

from adr_contracts.court import (
    ConfirmationRuledV1,
)
from adr_contracts.vocabulary import ConfirmationOutcome
from adr_court_bridge.domain.case_numbers import CaseNumbering
from adr_court_bridge.domain.deadlines import Periods
from adr_court_bridge.domain.errors import DecisionRefused, HearingRefused, RecordNotFound
from adr_court_bridge.store.tables import (
    confirmations,
    enforcement_reviews,
    observations,
)
from adr_court_bridge.studio.common import filed_case
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.ids import new_uuid7

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
        await filed_case(uow, case_id)
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
