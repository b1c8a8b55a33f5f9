"""Court-bridge's HTTP API: the filing queue, for the court's filing staff and systems (M3, K1)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from adr_court_bridge import views
from adr_court_bridge.api.schemas import FilingEntryView, FilingQueuePage
from adr_court_bridge.domain.model import EntryStatus
from adr_runtime.api_deps import ContextDep

router = APIRouter(prefix="/api/v1/filing-queue", tags=["filing-queue"])


@router.get("", response_model=FilingQueuePage)
async def list_filing_queue(
    ctx: ContextDep,
    status: Annotated[EntryStatus | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> FilingQueuePage:
    """Disputes sent to filing, newest first.

    An entry appears when the centre routes a dispute to filing (`adr.intake.dispute.routed.v1`,
    route `filing`) or when mediation fails with next route `filing` (`adr.mediation.case.failed.v1`).
    Each dispute appears once; `sources` lists every decision that sent it.
    """
    return await views.filing_queue_page(
        ctx.sessions, status=status.value if status else None, limit=limit, offset=offset
    )


@router.get("/{case_id}", response_model=FilingEntryView)
async def get_filing_entry(case_id: UUID, ctx: ContextDep) -> FilingEntryView:
    """One dispute's filing-queue entry by its case id, with `first_received_on` for the time limit. 404 if absent."""
    return await views.filing_entry(ctx.sessions, case_id)
