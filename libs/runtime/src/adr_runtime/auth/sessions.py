"""Signed session cookies: the principal and a CSRF token, issued anew at every sign-in.

The cookie is signed (itsdangerous), not encrypted: it carries nothing secret beyond the CSRF
token, which the same person's pages show anyway. It is HttpOnly, SameSite=Lax and, in
production, Secure; it expires after the configured maximum age.
"""

import secrets
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.responses import Response

from adr_runtime.auth.roles import Principal

_SALT = "adr-runtime.auth.session"


@dataclass(frozen=True)
class SessionData:
    """What a valid session cookie says."""

    principal: Principal
    csrf_token: str


def new_token() -> str:
    """A fresh unguessable token (CSRF tokens)."""
    return secrets.token_urlsafe(32)


class SessionCodec:
    """Issues and reads session cookie values."""

    def __init__(self, secret: str, *, max_age_seconds: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt=_SALT)
        self.max_age_seconds = max_age_seconds

    def issue(self, principal: Principal) -> tuple[str, SessionData]:
        """A new cookie value with a new CSRF token (sign-in rotates both)."""
        data = SessionData(principal=principal, csrf_token=new_token())
        value = self._serializer.dumps({"p": principal.to_dict(), "csrf": data.csrf_token})
        return value, data

    def read(self, value: str | None) -> SessionData | None:
        """The session, or None when the value is missing, tampered with, expired or malformed."""
        if not value:
            return None
        try:
            payload: Any = self._serializer.loads(value, max_age=self.max_age_seconds)
            return SessionData(principal=Principal.from_dict(payload["p"]), csrf_token=str(payload["csrf"]))
        except (BadSignature, KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class CookiePolicy:
    """How the platform's cookies are set."""

    secure: bool
    max_age_seconds: int
    path: str = "/"

    def set(self, response: Response, name: str, value: str, *, max_age: int | None = None) -> None:
        """Sets an HttpOnly, SameSite=Lax cookie."""
        response.set_cookie(
            name,
            value,
            max_age=max_age or self.max_age_seconds,
            path=self.path,
            secure=self.secure,
            httponly=True,
            samesite="lax",
        )

    def clear(self, response: Response, name: str) -> None:
        """Removes the cookie."""
        response.delete_cookie(name, path=self.path, secure=self.secure, httponly=True, samesite="lax")
