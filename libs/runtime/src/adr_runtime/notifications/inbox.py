"""The staff inbox every service can mount: in-app notices with the unread count, mark read, acknowledge.

A person's inbox holds the notices addressed to them (``staff:<subject>``) and to each of their roles
(``role:<role>``, e.g. every centre staff member sees ``role:centre_staff``). The service puts the
router among its (signed-in) routers and names where its Notifier is kept.
"""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel

from adr_runtime.api_deps import ContextDep
from adr_runtime.auth.dependencies import CurrentPrincipal
from adr_runtime.auth.roles import Principal
from adr_runtime.clock import DISTRICT_TZ, utc_now
from adr_runtime.notifications.model import CHANNEL_ZH, STATUS_ZH, ChannelKind, DeliveryStatus
from adr_runtime.notifications.notifier import Notifier
from adr_runtime.notifications.reader import NoticeNotFound, NoticeView
from adr_runtime.problems import problem
from adr_runtime.web.shell import SHELL_TEMPLATES

_ENV = Environment(
    loader=FileSystemLoader([str(Path(__file__).parent / "templates"), str(SHELL_TEMPLATES)]),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def staff_ref(subject: str) -> str:
    """The recipient reference of one staff member."""
    return f"staff:{subject}"


def role_ref(role: str) -> str:
    """The recipient reference shared by everyone holding ``role``."""
    return f"role:{role}"


def recipient_refs(principal: Principal) -> list[str]:
    """Whose notices a person sees: their own and their roles'."""
    return [staff_ref(principal.subject), *sorted(role_ref(r.value) for r in principal.roles)]


class DeliveryOut(BaseModel):
    """One channel's delivery."""

    channel: str
    status: str
    attempts: int
    address_masked: str | None
    sent_at: datetime | None


class NoticeOut(BaseModel):
    """One notice of the inbox (or of a case's record)."""

    id: UUID
    template: str
    recipient: str
    subject: str
    body: str
    case_id: UUID | None
    created_at: datetime
    read: bool
    requires_ack: bool
    acknowledged_at: datetime | None
    deliveries: list[DeliveryOut]


class InboxOut(BaseModel):
    """The inbox: the unread count and the newest notices."""

    unread: int
    items: list[NoticeOut]


def notice_out(view: NoticeView) -> NoticeOut:
    """The JSON form of a notice with its deliveries."""
    return NoticeOut(
        id=view.id,
        template=view.template,
        recipient=view.recipient,
        subject=view.subject,
        body=view.body,
        case_id=view.case_id,
        created_at=view.created_at,
        read=view.read_at is not None,
        requires_ack=view.requires_ack,
        acknowledged_at=view.acknowledged_at,
        deliveries=[
            DeliveryOut(
                channel=d.channel,
                status=d.status,
                attempts=d.attempts,
                address_masked=d.address_masked,
                sent_at=d.sent_at,
            )
            for d in view.deliveries
        ],
    )


NOT_FOUND = "该通知不存在，或不是发给您的。"


def inbox_router(notifier_of: Callable[[Any], Notifier]) -> APIRouter:
    """``/api/v1/inbox`` (JSON) and ``/inbox`` (the page), for the signed-in person.

    Args:
        notifier_of: the service's Notifier from its ServiceContext.
    """
    router = APIRouter(tags=["inbox"])

    async def notifier(ctx: ContextDep) -> Notifier:
        return notifier_of(ctx)

    notifier_dep = Annotated[Notifier, Depends(notifier)]
    _add_api_routes(router, notifier_dep)
    _add_page_routes(router, notifier_dep)
    return router


async def inbox_of(ctx: Any, principal: Principal, notes: Notifier) -> InboxOut:
    """The person's inbox: their newest notices with deliveries, and the unread count."""
    async with ctx.sessions() as session:
        refs = recipient_refs(principal)
        items = await notes.inbox(session, refs, limit=100, with_deliveries=True)
        return InboxOut(unread=await notes.unread_count(session, refs), items=[notice_out(v) for v in items])


def _add_api_routes(router: APIRouter, notifier_dep: Any) -> None:
    @router.get("/api/v1/inbox", response_model=InboxOut, summary="My notices, with the unread count")
    async def inbox_api(ctx: ContextDep, principal: CurrentPrincipal, notes: notifier_dep) -> InboxOut:
        return await inbox_of(ctx, principal, notes)

    @router.post("/api/v1/inbox/{notice_id}/read", status_code=204, summary="Marks a notice read")
    async def read_api(notice_id: UUID, ctx: ContextDep, principal: CurrentPrincipal, notes: notifier_dep) -> Response:
        try:
            async with ctx.sessions() as session, session.begin():
                await notes.mark_read(session, recipient_refs(principal), notice_id, now=utc_now())
        except NoticeNotFound:
            return problem(404, detail=NOT_FOUND)
        return Response(status_code=204)

    @router.post("/api/v1/inbox/{notice_id}/ack", status_code=204, summary="Acknowledges a notice that needs it")
    async def ack_api(notice_id: UUID, ctx: ContextDep, principal: CurrentPrincipal, notes: notifier_dep) -> Response:
        try:
            async with ctx.sessions() as session, session.begin():
                await notes.acknowledge(
                    session, recipient_refs(principal), notice_id, by=principal.actor, now=utc_now()
                )
        except NoticeNotFound:
            return problem(404, detail="该通知不存在、不需要签收，或不是发给您的。")
        return Response(status_code=204)


def _add_page_routes(router: APIRouter, notifier_dep: Any) -> None:
    @router.get("/inbox", include_in_schema=False)
    async def inbox_page(
        request: Request, ctx: ContextDep, principal: CurrentPrincipal, notes: notifier_dep
    ) -> HTMLResponse:
        return HTMLResponse(render_inbox(request, principal, await inbox_of(ctx, principal, notes)))

    @router.post("/inbox/{notice_id}", include_in_schema=False)
    async def inbox_action(
        notice_id: UUID,
        ctx: ContextDep,
        principal: CurrentPrincipal,
        notes: notifier_dep,
        action: Annotated[str, Form()] = "read",
    ) -> Response:
        async with ctx.sessions() as session, session.begin():
            refs = recipient_refs(principal)
            try:
                if action == "ack":
                    await notes.acknowledge(session, refs, notice_id, by=principal.actor, now=utc_now())
                else:
                    await notes.mark_read(session, refs, notice_id, now=utc_now())
            except NoticeNotFound:
                return problem(404, detail=NOT_FOUND)
        return RedirectResponse("/inbox", status_code=303)


def render_inbox(request: Request, principal: Principal, inbox: InboxOut) -> str:
    """The inbox page in the service's shell, with the unread count in its title."""
    return _ENV.get_template("notifications/inbox.html").render(
        shell=request.app.state.shell._shell_context(),
        principal=principal,
        csrf_token=getattr(request.state, "csrf_token", ""),
        correlation_id=getattr(request.state, "correlation_id", ""),
        request_path=request.url.path,
        page_title=f"我的通知（未读 {inbox.unread}）",
        inbox=inbox,
        tz=DISTRICT_TZ,
        channel_zh={k.value: v for k, v in CHANNEL_ZH.items()},
        status_zh={k.value: v for k, v in STATUS_ZH.items()},
        in_app=ChannelKind.IN_APP.value,
        sent=DeliveryStatus.SENT.value,
    )
