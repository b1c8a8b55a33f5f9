"""Hearings and the agency head's appearance in court (M5, RULES.md §4)."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from adr_contracts.court import (
    HearingHeldV1,
)
from adr_contracts.vocabulary import SuggestionKind
from adr_court_bridge.domain.deadlines import Periods
from adr_court_bridge.domain.errors import HearingRefused, RecordNotFound
from adr_court_bridge.domain.hearings import Appearance, HeadRequired, check_notice
from adr_court_bridge.domain.suggestions import TOPIC_OF_TRIGGER, Trigger
from adr_court_bridge.store.tables import (
    hearings,
)
from adr_court_bridge.studio.common import filed_case
from adr_court_bridge.suggestions import DRAFT_TEXT, Draft, propose
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.ids import new_uuid7

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
        await filed_case(uow, case_id)
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
        row = await _scheduled_hearing(uow, hearing_id)
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
            draft_id = await propose(_head_absent_draft(row, hearing_id), uow, now=now)
        await uow.commit()
    return draft_id


async def _scheduled_hearing(uow: CourtBridgeUnitOfWork, hearing_id: UUID) -> Any:
    """The hearing, refused once its appearance was recorded."""
    row = (await uow.session.execute(select(hearings).where(hearings.c.id == hearing_id))).one_or_none()
    if row is None:
        raise RecordNotFound("庭审", hearing_id)
    if row.status != "scheduled":
        raise HearingRefused("该庭审的出庭情况已经登记")
    return row


def _head_absent_draft(row: Any, hearing_id: UUID) -> Draft:
    """The individual suggestion that a breach of the appearance rules proposes (RULES.md §4)."""
    return Draft(
        trigger=Trigger.HEAD_ABSENT,
        kind=SuggestionKind.INDIVIDUAL,
        topic_code=TOPIC_OF_TRIGGER[Trigger.HEAD_ABSENT],
        content=DRAFT_TEXT[Trigger.HEAD_ABSENT],
        agency_code=row.agency_code,
        case_id=row.case_id,
        source_ref=f"hearing:{hearing_id}",
    )
