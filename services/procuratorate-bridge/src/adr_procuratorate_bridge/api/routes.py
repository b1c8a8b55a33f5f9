"""Procuratorate-bridge's HTTP API: what was shared with the procuratorate (P2)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from adr_procuratorate_bridge import views
from adr_procuratorate_bridge.api.schemas import SharedRecordPage
from adr_runtime.api_deps import ContextDep

router = APIRouter(prefix="/api/v1/shared-records", tags=["shared-records"])


@router.get("", response_model=SharedRecordPage)
async def list_shared_records(
    ctx: ContextDep,
    case_id: Annotated[UUID | None, Query(description="Only this dispute's records")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> SharedRecordPage:
    """Registrations shared with the procuratorate, newest received first.

    Each record holds only what the procuratorate is entitled to (no applicants), and the SHA-256
    of the message received, on which a receipt can be issued.
    """
    return await views.shared_record_page(ctx.sessions, case_id=case_id, limit=limit, offset=offset)
