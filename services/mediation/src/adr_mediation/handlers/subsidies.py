"""Use cases of case subsidies (R4): batches drafted from the year's closed cases and approved."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row, and_, delete, insert, select, update

from adr_mediation.domain import subsidy as subsidy_rules
from adr_mediation.domain.errors import (
    NoSubsidyFacts,
    SubsidyBatchClosed,
)
from adr_mediation.domain.events import Noted, SubsidyBatchApproved, SubsidyLine
from adr_mediation.store import records
from adr_mediation.store.tables import (
    subsidy_batches,
    subsidy_lines,
)
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.clock import local_date
from adr_runtime.ids import new_uuid7

# -- subsidies (R4) ---------------------------------------------------------------------------------------


async def _drop_drafts(uow: MediationUnitOfWork, period: str) -> None:
    """Deletes the month's earlier draft batches with their lines."""
    drafts = (
        (
            await uow.session.execute(
                select(subsidy_batches.c.id).where(
                    subsidy_batches.c.period == period, subsidy_batches.c.status == "draft"
                )
            )
        )
        .scalars()
        .all()
    )
    for old in drafts:
        await uow.session.execute(delete(subsidy_lines).where(subsidy_lines.c.batch_id == old))
        await uow.session.execute(delete(subsidy_batches).where(subsidy_batches.c.id == old))


async def _write_batch(
    uow: MediationUnitOfWork, batch_id: UUID, period: str, lines: Sequence[SubsidyLine], now: datetime
) -> None:
    """Inserts the drafted batch and its lines."""
    await uow.session.execute(
        insert(subsidy_batches).values(
            id=batch_id,
            period=period,
            status="draft",
            total_fen=sum(line.amount_fen for line in lines),
            created_at=now,
            created_by=uow.actor,
            approved_at=None,
            approved_by=None,
            approved_on=None,
        )
    )
    await uow.session.execute(
        insert(subsidy_lines),
        [
            {
                "batch_id": batch_id,
                "mediation_case_id": line.mediation_case_id,
                "person_id": line.mediator_id,
                "basis_code": line.basis_code,
                "amount_fen": line.amount_fen,
            }
            for line in lines
        ],
    )


async def draft_subsidy_batch(
    uow: MediationUnitOfWork, *, period: str, table: subsidy_rules.SubsidyTable, now: datetime
) -> UUID:
    """Computes a month's subsidies from the closed cases' records; replaces an earlier draft of that month."""
    async with uow:
        await _drop_drafts(uow, period)
        facts = await records.subsidy_facts(uow.session)
        lines = subsidy_rules.lines_for(period, facts, table)
        batch_id = new_uuid7()
        await _write_batch(uow, batch_id, period, lines, now)
        uow.events.append(Noted(None, now, "mediation.subsidy.batch_drafted", {"period": period, "lines": len(lines)}))
        await uow.commit()
    return batch_id


async def _draft_batch(uow: MediationUnitOfWork, batch_id: UUID) -> Row[Any]:
    """Loads a batch and checks it is still a draft."""
    batch = (
        await uow.session.execute(select(subsidy_batches).where(subsidy_batches.c.id == batch_id))
    ).one_or_none()
    if batch is None:
        raise NoSubsidyFacts("未找到该补贴批次")
    if batch.status != "draft":
        raise SubsidyBatchClosed("该补贴批次已审批，不能重复审批")
    return batch


def _approved(
    batch_id: UUID, batch: Row[Any], lines: Sequence[Row[Any]], approved_on: date, now: datetime
) -> SubsidyBatchApproved:
    """The SubsidyBatchApproved event of a batch and its lines."""
    return SubsidyBatchApproved(
        batch_id=batch_id,
        at=now,
        period=batch.period,
        approved_on=approved_on,
        lines=tuple(
            SubsidyLine(
                mediator_id=line.person_id,
                mediation_case_id=line.mediation_case_id,
                basis_code=line.basis_code,
                amount_fen=line.amount_fen,
            )
            for line in lines
        ),
        total_fen=batch.total_fen,
    )


async def approve_subsidy_batch(uow: MediationUnitOfWork, batch_id: UUID, *, now: datetime) -> None:
    """An administrator approves a drafted batch (SubsidyBatchApprovedV1); it cannot change afterwards."""
    async with uow:
        batch = await _draft_batch(uow, batch_id)
        lines = (
            await uow.session.execute(
                select(subsidy_lines)
                .where(subsidy_lines.c.batch_id == batch_id)
                .order_by(subsidy_lines.c.person_id, subsidy_lines.c.mediation_case_id)
            )
        ).all()
        approved_on = local_date(now)
        await uow.session.execute(
            update(subsidy_batches)
            .where(and_(subsidy_batches.c.id == batch_id, subsidy_batches.c.status == "draft"))
            .values(status="approved", approved_at=now, approved_by=uow.actor, approved_on=approved_on)
        )
        uow.events.append(_approved(batch_id, batch, lines, approved_on, now))
        await uow.commit()
