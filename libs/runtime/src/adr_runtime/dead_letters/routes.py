"""The dead-letter desk's API (``/api/v1/dead-letters``) and pages (``/ops/dead-letters``), administrators only."""

import asyncio
import contextlib
import json
from datetime import UTC, datetime
from typing import Annotated, Any

import nats
from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from nats.aio.client import Client as NatsClient
from pydantic import BaseModel, Field

from adr_runtime.api_deps import ContextDep
from adr_runtime.auth import Role
from adr_runtime.auth.audit import AuditAction, AuditEntry, Outcome, record_audit
from adr_runtime.auth.dependencies import require_roles
from adr_runtime.auth.roles import Principal
from adr_runtime.context import ServiceContext
from adr_runtime.dead_letters.desk import (
    DeadLetter,
    DeadLetterDesk,
    DeadLetterNotFound,
    LetterStillRejected,
    ReplayRefused,
)

ERRORS: dict[type[Exception], int] = {DeadLetterNotFound: 404, ReplayRefused: 422, LetterStillRejected: 409}


class OpsNats:
    """The API process's connection for operator work, made on first use and closed with the app."""

    def __init__(self, url: str, options: dict[str, Any] | None = None) -> None:
        self._url = url
        self._options = options or {}
        self._connection: NatsClient | None = None
        self._lock = asyncio.Lock()

    async def jetstream(self) -> Any:
        """A JetStream context; 503 when NATS does not answer."""
        async with self._lock:
            if self._connection is None or self._connection.is_closed:
                try:
                    self._connection = await nats.connect(
                        self._url, connect_timeout=2, max_reconnect_attempts=2, **self._options
                    )
                except Exception:
                    raise HTTPException(503, "消息服务器暂不可用，请稍后重试") from None
        return self._connection.jetstream()

    async def close(self) -> None:
        """Closes the connection if one was made."""
        if self._connection is not None and not self._connection.is_closed:
            with contextlib.suppress(Exception):
                await self._connection.close()


class DeadLetterView(BaseModel):
    """A dead letter as the API shows it (the body is returned as text, as it was received)."""

    sequence: int
    subject: str = Field(description="The subject the event was published on")
    consumer: str = Field(description="The durable consumer that rejected it")
    reason: str = Field(description="Why: field names and error kinds, never values")
    deliveries: int | None
    original_stream: str
    original_sequence: int | None
    event_id: str | None
    case_id: str | None
    stored_at: datetime | None
    body: str

    @classmethod
    def of(cls, letter: DeadLetter) -> "DeadLetterView":
        """The view of a letter."""
        return cls(
            sequence=letter.sequence,
            subject=letter.subject,
            consumer=letter.consumer,
            reason=letter.reason,
            deliveries=letter.deliveries,
            original_stream=letter.stream,
            original_sequence=letter.original_sequence,
            event_id=letter.event_id,
            case_id=letter.case_id,
            stored_at=letter.stored_at,
            body=letter.body.decode("utf-8", errors="replace"),
        )


class DeadLetterPage(BaseModel):
    """A page of letters."""

    total: int
    items: list[DeadLetterView]


class ReplayRequest(BaseModel):
    """Replays a letter as received, or with a corrected CloudEvents document (same event id)."""

    corrected: dict[str, Any] | None = Field(default=None, description="The corrected event document, if any")


class ReplayOutcome(BaseModel):
    """What the replay did."""

    sequence: int
    applied: bool = Field(description="False when the service had already applied the event (nothing done twice)")


class DiscardRequest(BaseModel):
    """Discards a letter; the reason is kept in the audit log."""

    reason: str = Field(min_length=2, max_length=500)


AdminDep = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
Sequence = Annotated[int, Path(ge=1, le=2**63 - 1, description="The letter's sequence in ADR_DEADLETTER")]


async def _desk(request: Request, ctx: ServiceContext) -> DeadLetterDesk:
    ops: OpsNats = request.app.state.ops_nats
    return DeadLetterDesk(await ops.jetstream(), ctx.spec.name)


async def _audit(
    ctx: ServiceContext, principal: Principal, action: AuditAction, letter: DeadLetter, **details: Any
) -> None:
    if ctx.spec.auth_tables is None:
        return
    entry = AuditEntry(
        actor=principal.subject,
        action=action,
        target=f"dead-letter:{letter.sequence}",
        outcome=Outcome.SUCCESS,
        details={"subject": letter.subject, "event_id": letter.event_id, **details},
    )
    async with ctx.sessions() as session, session.begin():
        await record_audit(session, ctx.spec.auth_tables.audit_log, entry, at=datetime.now(UTC))


async def _replay(
    request: Request, ctx: ServiceContext, principal: Principal, sequence: Sequence, corrected: bytes | None
) -> ReplayOutcome:
    letter, applied = await (await _desk(request, ctx)).replay(ctx, sequence, corrected)
    await _audit(
        ctx, principal, AuditAction.DEAD_LETTER_REPLAYED, letter, corrected=corrected is not None, applied=applied
    )
    return ReplayOutcome(sequence=sequence, applied=applied)


async def _discard(
    request: Request, ctx: ServiceContext, principal: Principal, sequence: Sequence, reason: str
) -> None:
    letter = await (await _desk(request, ctx)).discard(sequence)
    await _audit(ctx, principal, AuditAction.DEAD_LETTER_DISCARDED, letter, reason=reason[:500])


def _corrected(body: ReplayRequest | None) -> bytes | None:
    """The operator's corrected payload as bytes, or None to replay the letter as received."""
    if body is None or body.corrected is None:
        return None
    return json.dumps(body.corrected, ensure_ascii=False).encode()


def api_router() -> APIRouter:
    """The operator API."""
    router = APIRouter(prefix="/api/v1/dead-letters", tags=["operations: dead letters"])

    @router.get("", response_model=DeadLetterPage, summary="This service's dead letters, oldest first")
    async def list_letters(
        request: Request,
        ctx: ContextDep,
        _: AdminDep,
        after: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> DeadLetterPage:
        desk = await _desk(request, ctx)
        letters = await desk.list(after=after, limit=limit)
        return DeadLetterPage(total=await desk.count(), items=[DeadLetterView.of(x) for x in letters])

    @router.get("/{sequence}", response_model=DeadLetterView, summary="One dead letter")
    async def show_letter(request: Request, ctx: ContextDep, _: AdminDep, sequence: Sequence) -> DeadLetterView:
        return DeadLetterView.of(await (await _desk(request, ctx)).get(sequence))

    @router.post("/{sequence}/replay", response_model=ReplayOutcome, summary="Apply it again, as received or corrected")
    async def replay_letter(
        request: Request,
        ctx: ContextDep,
        principal: AdminDep,
        sequence: Sequence,
        body: Annotated[ReplayRequest | None, Body()] = None,
    ) -> ReplayOutcome:
        return await _replay(request, ctx, principal, sequence, _corrected(body))

    @router.post("/{sequence}/discard", status_code=204, summary="Remove it, with the reason kept in the audit log")
    async def discard_letter(
        request: Request, ctx: ContextDep, principal: AdminDep, sequence: Sequence, body: DiscardRequest
    ) -> Response:
        await _discard(request, ctx, principal, sequence, body.reason)
        return Response(status_code=204)

    return router
