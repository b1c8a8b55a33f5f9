"""Periodic notices (通报, C6): generated on demand, or by the schedule, as DOCX, PDF and XLSX."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path
from fastapi.responses import Response
from pydantic import BaseModel

from adr_reporting import notices
from adr_reporting.domain.periods import parse_period
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.clock import local_date

router = APIRouter(prefix="/api/v1/notices", tags=["notices"])

PeriodPath = Annotated[str, Path(max_length=10, description="2026-11（月度）或 2026-Q4（季度）")]


class NoticeListed(BaseModel):
    period: str
    generated_at: datetime
    files: dict[str, str]


@router.get("", response_model=list[NoticeListed])
async def list_notices(ctx: ContextDep) -> list[NoticeListed]:
    """The notices generated so far, newest first, with a link to each file."""
    return [
        NoticeListed(period=p, generated_at=at, files={f: f"/api/v1/notices/{p}/{f}" for f in notices.FORMATS})
        for p, at in await notices.generated(ctx.sessions)
    ]


@router.post("/{period}", response_model=NoticeListed, status_code=201)
async def generate_notice(ctx: ContextDep, now: ClockDep, period: PeriodPath) -> NoticeListed:
    """Generates (again) the notice of a month or quarter, from the facts known at its end."""
    named = parse_period(period)
    await notices.generate(ctx.sessions, named, issued_on=local_date(now), now=now)
    return NoticeListed(period=named.name, generated_at=now,
                        files={f: f"/api/v1/notices/{named.name}/{f}" for f in notices.FORMATS})


@router.get("/{period}/{fmt}")
async def notice_file(
    ctx: ContextDep, now: ClockDep, period: PeriodPath, fmt: Literal["docx", "pdf", "xlsx"]
) -> Response:
    """One notice file; generated on demand when it does not exist yet."""
    named = parse_period(period)
    data = await notices.stored(ctx.sessions, named.name, fmt)
    if data is None:
        data = (await notices.generate(ctx.sessions, named, issued_on=local_date(now), now=now))[fmt]
    filename = f"notice-{named.name}.{fmt}"
    return Response(data, media_type=notices.FORMATS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
