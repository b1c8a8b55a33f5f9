"""The portal's own protections: a cookie-bound CSRF token, access-attempt limits, the audit log."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request, Response
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.portal.settings import PortalSettings
from adr_intake.store.pii import PiiCipher
from adr_intake.store.tables import auth, portal
from adr_runtime.auth.audit import ANONYMOUS
from adr_runtime.auth.csrf import CSRF_FIELD, tokens_match

CSRF_COOKIE = "adr_portal_csrf"
PORTAL_PATH = "/portal"
AUDIT_ACTION = "portal_access"  # in the shared audit log beside sign-ins (codes only)


class PortalRefused(Exception):
    """Stops a portal request with a status and a Chinese sentence for the applicant."""

    def __init__(self, status: int, detail: str, *, retry_after: int | None = None, field: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.retry_after = retry_after
        self.field = field


# --- CSRF: the token in an HttpOnly, SameSite=Strict cookie must come back in the form ---


def csrf_token(request: Request) -> str:
    """The token of this browser (a new one if it has none yet; set_csrf_cookie stores it)."""
    token = request.cookies.get(CSRF_COOKIE)
    return token if token and len(token) >= 32 else secrets.token_urlsafe(32)


def set_csrf_cookie(response: Response, token: str, *, secure: bool) -> None:
    """Keeps the token in the browser for the portal's forms."""
    response.set_cookie(
        CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path=PORTAL_PATH, max_age=2 * 3600
    )


def check_csrf(request: Request, form: Any) -> None:
    """Refuses a form whose token does not match the browser's cookie."""
    supplied = form.get(CSRF_FIELD)
    if not tokens_match(request.cookies.get(CSRF_COOKIE, ""), supplied if isinstance(supplied, str) else None):
        raise PortalRefused(403, "页面已过期或来源不明，请刷新页面后重新提交。")


# --- access attempts: limited per registration number and per client address, every one logged ---


def client_key(request: Request, cipher: PiiCipher) -> str:
    """A stand-in for the client's address (a keyed hash: the address itself is not stored)."""
    host = request.client.host if request.client else "unknown"
    return cipher.blind_key(host, kind="portal_client")[:80]


@dataclass(frozen=True)
class AttemptLimiter:
    """Counts recent failures in the database (shared by every process of the service)."""

    settings: PortalSettings

    async def check(self, session: AsyncSession, *, registration_no: str, client: str, now: datetime) -> None:
        """Raises 429 when the number or the client has used up its failures in the window."""
        since = now - timedelta(minutes=self.settings.window_minutes)
        a = portal.attempts
        recent = select(func.count()).select_from(a).where(a.c.outcome == "failure", a.c.at > since)
        by_number = await session.scalar(recent.where(a.c.registration_no == registration_no))
        by_client = await session.scalar(recent.where(a.c.client_key == client))
        if (by_number or 0) >= self.settings.max_failures_per_number or (
            by_client or 0
        ) >= self.settings.max_failures_per_client:
            raise PortalRefused(
                429,
                f"查询失败次数过多，请 {self.settings.window_minutes} 分钟后再试。如遗失查询码，请联系中心窗口。",
                retry_after=self.settings.window_minutes * 60,
            )


async def record_attempt(
    session: AsyncSession, *, registration_no: str, client: str, outcome: str, now: datetime, reason: str = ""
) -> None:
    """One line in the portal's attempts and one in the audit log (the number, a keyed client id, no code)."""
    await session.execute(
        insert(portal.attempts).values(at=now, client_key=client, registration_no=registration_no[:60], outcome=outcome)
    )
    audit_outcome = {"success": "success", "failure": "failure"}.get(outcome, "denied")
    details: dict[str, str] = {"client": client[-16:], "path": "/portal/status"}
    if reason:
        details["reason"] = reason
    await session.execute(
        insert(auth.audit_log).values(
            at=now,
            actor=ANONYMOUS,
            action=AUDIT_ACTION,
            target=registration_no[:300],
            outcome=audit_outcome,
            details=details,
        )
    )
