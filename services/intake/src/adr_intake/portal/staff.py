"""What staff see of the portal, per case (signed in, case visibility checked and audited):
the documents an applicant uploaded, and the record of the notices sent about the case (R3)."""

import hashlib
from datetime import datetime
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel
from sqlalchemy import select

from adr_intake.access import CASE_GUARD, visible_dispute
from adr_intake.portal.notices import RECORDER
from adr_intake.portal.service import open_document
from adr_intake.portal.uploads import KIND_ZH
from adr_intake.store.tables import portal
from adr_intake.uow import pii_cipher
from adr_runtime.api_deps import ContextDep, PrincipalDep
from adr_runtime.auth import record_personal_data_read
from adr_runtime.notifications.inbox import NoticeOut, notice_out
from adr_runtime.problems import problem

router = APIRouter(prefix="/api/v1/disputes", tags=["portal"], dependencies=CASE_GUARD)


class DocumentOut(BaseModel):
    """An uploaded document (its name is personal data: only in the download)."""

    id: UUID
    kind: str
    kind_zh: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime


@router.get("/{case_id}/documents", response_model=list[DocumentOut])
async def documents(case_id: UUID, ctx: ContextDep, request: Request, principal: PrincipalDep) -> list[DocumentOut]:
    """The documents uploaded with an online application (none for other channels)."""
    await visible_dispute(request, principal, ctx.sessions, case_id)
    d = portal.documents
    async with ctx.sessions() as session:
        rows = (await session.execute(select(d).where(d.c.case_id == case_id).order_by(d.c.uploaded_at, d.c.id))).all()
    return [
        DocumentOut(
            id=r.id,
            kind=r.kind,
            kind_zh=KIND_ZH.get(r.kind, r.kind),
            content_type=r.content_type,
            size_bytes=r.size_bytes,
            sha256=r.sha256,
            uploaded_at=r.uploaded_at,
        )
        for r in rows
    ]


@router.get("/{case_id}/documents/{document_id}")
async def download(
    case_id: UUID, document_id: UUID, ctx: ContextDep, request: Request, principal: PrincipalDep
) -> Response:
    """One document, opened and checked against its SHA-256; the read is audited."""
    await visible_dispute(request, principal, ctx.sessions, case_id)
    d = portal.documents
    async with ctx.sessions() as session:
        row = (await session.execute(select(d).where(d.c.case_id == case_id, d.c.id == document_id))).first()
    if row is None:
        return problem(404, detail="该争议没有这份材料。")
    name, content = open_document(pii_cipher(ctx), row)
    if hashlib.sha256(content).hexdigest() != row.sha256:
        return problem(409, detail="材料校验不一致，可能已损坏，请联系系统管理员。")
    await record_personal_data_read(request, principal, target=str(case_id), fields=("portal_documents",))
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    headers = {"Content-Disposition": disposition, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    return Response(content, media_type=row.content_type, headers=headers)


@router.get("/{case_id}/notices", response_model=list[NoticeOut])
async def notices(case_id: UUID, ctx: ContextDep, request: Request, principal: PrincipalDep) -> list[NoticeOut]:
    """What was sent about the case, to whom (a reference, addresses masked), over which channel, when, and
    with what outcome (R3)."""
    await visible_dispute(request, principal, ctx.sessions, case_id)
    async with ctx.sessions() as session:
        return [notice_out(v) for v in await RECORDER.record_of(session, case_id=case_id)]
