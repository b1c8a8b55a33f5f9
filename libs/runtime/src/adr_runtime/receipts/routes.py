"""The hand-off proof API (``/api/v1/handoff-receipts``), administrators only, every read audited."""

from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from adr_runtime.api_deps import ContextDep
from adr_runtime.auth import Role
from adr_runtime.auth.audit import AuditAction, AuditEntry, Outcome, record_audit
from adr_runtime.auth.dependencies import require_roles
from adr_runtime.auth.roles import Principal
from adr_runtime.context import ServiceContext
from adr_runtime.receipts import proof


class ReceiptView(BaseModel):
    """One receipt another institution sent for this service's event."""

    receipt_id: UUID = Field(description="The receipt event's id")
    consumer: str = Field(description="The service that received the event")
    durable: str = Field(description="Its durable consumer")
    sha256: str = Field(description="SHA-256 of the body it reports having received")
    expected_sha256: str | None = Field(description="SHA-256 of the body this service published (null: row gone)")
    verdict: proof.Verdict = Field(description="matched, mismatch, or unknown (the outbox row is gone)")
    received_at: datetime
    recorded_at: datetime


class HandoffProofView(BaseModel):
    """What this service published for one event, to whom, and who has receipted it."""

    event_id: UUID
    subject: str | None
    case_id: UUID | None
    published_at: datetime | None = Field(description="null: not yet published, or the outbox row is gone")
    published_sha256: str | None = Field(description="SHA-256 of the published body (null: row gone)")
    audience: list[str] = Field(description="The other services entitled to the event")
    receipts: list[ReceiptView]
    missing: list[str] = Field(description="Readers in the audience with no receipt yet")


class UnacknowledgedView(BaseModel):
    """A published hand-off that a reader has not receipted."""

    event_id: UUID
    subject: str
    case_id: UUID | None
    published_at: datetime
    missing: list[str]


class UnacknowledgedPage(BaseModel):
    """Hand-offs published before ``before`` and not receipted by every reader, oldest first."""

    before: datetime
    items: list[UnacknowledgedView]


AdminDep = Annotated[Principal, Depends(require_roles(Role.ADMIN))]


async def _audit(ctx: ServiceContext, principal: Principal, target: str, **details: Any) -> None:
    if ctx.spec.auth_tables is None:
        return
    entry = AuditEntry(
        actor=principal.subject,
        action=AuditAction.HANDOFF_PROOF_READ,
        target=target,
        outcome=Outcome.SUCCESS,
        details=details,
    )
    async with ctx.sessions() as session, session.begin():
        await record_audit(session, ctx.spec.auth_tables.audit_log, entry, at=datetime.now(UTC))


def _proof_view(found: proof.HandoffProof) -> HandoffProofView:
    return HandoffProofView(
        event_id=found.event_id,
        subject=found.subject,
        case_id=found.case_id,
        published_at=found.published_at,
        published_sha256=found.published_sha256,
        audience=found.audience,
        receipts=[ReceiptView(**vars(r)) for r in found.receipts],
        missing=found.missing,
    )


def api_router() -> APIRouter:
    """The administrators' proof of hand-offs."""
    router = APIRouter(prefix="/api/v1/handoff-receipts", tags=["operations: hand-off receipts"])

    @router.get("", response_model=HandoffProofView, summary="The receipts of one event this service published")
    async def show_proof(
        ctx: ContextDep,
        principal: AdminDep,
        event_id: Annotated[UUID, Query(description="The event's id (its CloudEvents id)")],
    ) -> HandoffProofView:
        async with ctx.sessions() as session:
            found = await proof.proof_of(session, ctx.tables, ctx.spec.name, event_id)
        if found.subject is None:
            raise HTTPException(404, "本服务没有该事件的发布记录或回执")
        await _audit(ctx, principal, f"event:{event_id}", receipts=len(found.receipts), missing=found.missing)
        return _proof_view(found)

    @router.get(
        "/unacknowledged",
        response_model=UnacknowledgedPage,
        summary="Published hand-offs older than N minutes that a reader has not receipted, oldest first",
    )
    async def list_unacknowledged(
        ctx: ContextDep,
        principal: AdminDep,
        older_than_minutes: Annotated[int, Query(ge=0, le=525_600)] = 30,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> UnacknowledgedPage:
        before = proof.cutoff(datetime.now(UTC), older_than_minutes)
        async with ctx.sessions() as session:
            items = await proof.unacknowledged(session, ctx.tables, ctx.spec.name, before=before, limit=limit)
        await _audit(ctx, principal, "receipts:unacknowledged", older_than_minutes=older_than_minutes, found=len(items))
        return UnacknowledgedPage(before=before, items=[UnacknowledgedView(**vars(i)) for i in items])

    return router
