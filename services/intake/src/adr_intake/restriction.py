"""Restricting a dispute to named people (issue #3, O3), kept in the case history."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from adr_intake.uow import IntakeUnitOfWork
from adr_runtime.outbox import HistoryNote


@dataclass(frozen=True)
class RestrictDispute:
    case_id: UUID
    restricted_to: Sequence[str]  # principal subjects; empty lifts the restriction


async def restrict_dispute(cmd: RestrictDispute, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Sets who alone may see the dispute (administrators always may) and notes it in the history.

    The note gives how many people were named, not who: the history outlives the restriction.
    """
    subjects = sorted(set(cmd.restricted_to))
    async with uow:
        await uow.disputes.restrict(cmd.case_id, subjects)
        action = "intake.dispute.restricted" if subjects else "intake.dispute.restriction_lifted"
        uow.notes.append(
            HistoryNote(case_id=cmd.case_id, occurred_at=now, action=action, details={"people": len(subjects)})
        )
        await uow.commit()
