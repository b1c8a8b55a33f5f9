"""Synchronizer tokens against cross-site request forgery.

Every unsafe request authenticated by the session cookie carries the session's token, in the
form field ``csrf_token`` or the header ``X-CSRF-Token`` (htmx sends the header). Requests
with a bearer token carry no ambient credentials and need none.
"""

import hmac

from starlette.requests import Request

from adr_runtime.auth.errors import csrf_failed

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def tokens_match(expected: str, supplied: str | None) -> bool:
    """Constant-time comparison; an empty token never matches."""
    if not expected or not supplied:
        return False
    return hmac.compare_digest(expected.encode(), supplied.encode())


async def submitted_token(request: Request) -> str | None:
    """The token from the header, else from the form (Starlette caches the parsed form for the route)."""
    if header := request.headers.get(CSRF_HEADER):
        return header
    if not request.headers.get("content-type", "").startswith(_FORM_TYPES):
        return None
    value = (await request.form()).get(CSRF_FIELD)
    return value if isinstance(value, str) else None


async def require_csrf(request: Request, expected: str) -> None:
    """Raises 403 when an unsafe request lacks the expected token."""
    if request.method in UNSAFE_METHODS and not tokens_match(expected, await submitted_token(request)):
        raise csrf_failed()
