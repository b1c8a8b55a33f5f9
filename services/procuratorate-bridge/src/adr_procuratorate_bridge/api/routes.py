"""Procuratorate-bridge's HTTP API: what was shared with the procuratorate, and its receipts (P2)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from adr_procuratorate_bridge import views
from adr_procuratorate_bridge.api.schemas import ReceiptView, SharedRecordPage
from adr_procuratorate_bridge.domain.model import KIND_LABELS
from adr_runtime.api_deps import ContextDep

router = APIRouter(prefix="/api/v1", tags=["shared-records"])

KindCode = Annotated[
    str | None,
    Query(
        description="Only records of this kind: " + ", ".join(KIND_LABELS),
        pattern="^(" + "|".join(KIND_LABELS) + ")$",
    ),
]


@router.get("/shared-records", response_model=SharedRecordPage)
async def list_shared_records(
    ctx: ContextDep,
    case_id: Annotated[UUID | None, Query(description="Only this dispute's records")] = None,
    kind: KindCode = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> SharedRecordPage:
    """Facts shared with the procuratorate, newest received first.

    Each record holds only what the procuratorate is entitled to (no applicants), the SHA-256
    of the message received, and the id of the receipt issued on it.
    """
    return await views.shared_record_page(ctx.sessions, case_id=case_id, kind=kind, limit=limit, offset=offset)


@router.get("/receipts/{receipt_id}", response_model=ReceiptView)
async def get_receipt(ctx: ContextDep, receipt_id: UUID) -> ReceiptView:
    """The receipt for one shared message: which event, its digest, and when it was received."""
    return await views.receipt(ctx.sessions, receipt_id)
