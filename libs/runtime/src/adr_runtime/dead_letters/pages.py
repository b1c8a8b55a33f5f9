"""The dead-letter desk's pages (``/ops/dead-letters``, Chinese, on the service's shell), administrators only."""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from adr_runtime.api_deps import ContextDep
from adr_runtime.dead_letters.desk import DeadLetter, LetterStillRejected, ReplayRefused
from adr_runtime.dead_letters.routes import AdminDep, Sequence, _desk, _discard, _replay


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    """A page in the service's shell; 404 for a service without pages."""
    shell = getattr(request.app.state, "shell", None)
    if shell is None:
        raise HTTPException(404, "本服务没有页面，请使用 /api/v1/dead-letters")
    return shell.render(request, template, **context)  # type: ignore[no-any-return]


def correction(body: str, letter: DeadLetter) -> bytes | None:
    """The operator's corrected document, compacted; ``None`` when unchanged. Raises ValueError if not JSON."""
    if not body.strip() or body.strip() == letter.pretty_body.strip():
        return None
    if letter.document is None:
        return body.encode()
    return json.dumps(json.loads(body), ensure_ascii=False).encode()


def page_router() -> APIRouter:
    """The operator pages (Chinese), on the service's shell."""
    router = APIRouter(prefix="/ops/dead-letters", include_in_schema=False)
    _add_reading_pages(router)
    _add_replay_form(router)
    _add_discard_form(router)
    return router


def _add_reading_pages(router: APIRouter) -> None:
    """The list of dead letters and the page of one letter."""

    @router.get("", response_class=HTMLResponse)
    async def letters_page(
        request: Request, ctx: ContextDep, _: AdminDep, after: Annotated[int, Query(ge=0)] = 0
    ) -> HTMLResponse:
        desk = await _desk(request, ctx)
        letters = await desk.list(after=after, limit=50)
        return render(
            request,
            "ops/dead_letters.html",
            page_title="死信处理",
            letters=letters,
            total=await desk.count(),
            flash=request.query_params.get("done"),
        )

    @router.get("/{sequence}", response_class=HTMLResponse)
    async def letter_page(request: Request, ctx: ContextDep, _: AdminDep, sequence: Sequence) -> HTMLResponse:
        letter = await (await _desk(request, ctx)).get(sequence)
        return render(request, "ops/dead_letter.html", page_title=f"死信 {sequence}", letter=letter, error=None)


def _add_replay_form(router: APIRouter) -> None:
    """The form that replays a letter, as it was or corrected; errors are shown on the letter's page."""

    @router.post("/{sequence}/replay", response_class=HTMLResponse)
    async def replay_form(
        request: Request,
        ctx: ContextDep,
        principal: AdminDep,
        sequence: Sequence,
        body: Annotated[str, Form()] = "",
    ) -> Response:
        desk = await _desk(request, ctx)
        letter = await desk.get(sequence)
        try:
            corrected = correction(body, letter)
        except ValueError:
            error = "更正后的内容不是有效的 JSON"
            return render(
                request, "ops/dead_letter.html", page_title=f"死信 {sequence}", letter=letter, error=error, body=body
            )
        try:
            outcome = await _replay(request, ctx, principal, sequence, corrected)
        except (ReplayRefused, LetterStillRejected) as exc:
            return render(
                request, "ops/dead_letter.html", page_title=f"死信 {sequence}", letter=letter, error=str(exc), body=body
            )
        done = "replayed" if outcome.applied else "already_applied"
        return RedirectResponse(f"/ops/dead-letters?done={done}", status_code=303)


def _add_discard_form(router: APIRouter) -> None:
    """The form that discards a letter; a reason of at least two characters is required."""

    @router.post("/{sequence}/discard", response_class=HTMLResponse)
    async def discard_form(
        request: Request,
        ctx: ContextDep,
        principal: AdminDep,
        sequence: Sequence,
        reason: Annotated[str, Form()] = "",
    ) -> Response:
        if len(reason.strip()) < 2:
            letter = await (await _desk(request, ctx)).get(sequence)
            return render(
                request,
                "ops/dead_letter.html",
                page_title=f"死信 {sequence}",
                letter=letter,
                error="请填写丢弃原因（至少两个字）",
            )
        await _discard(request, ctx, principal, sequence, reason.strip())
        return RedirectResponse("/ops/dead-letters?done=discarded", status_code=303)
