"""The errors sign-in and permission checks raise; rendered as problem+json by ``install_auth``."""

from collections.abc import Mapping
from dataclasses import dataclass, field

BEARER_CHALLENGE = 'Bearer realm="adr"'


@dataclass(eq=False)
class AuthError(Exception):
    """Stops the request with a status, a Chinese sentence for staff and optional headers."""

    status: int
    detail: str
    type_: str = "about:blank"
    headers: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.type_}"


def unauthenticated(*, invalid_token: bool = False) -> AuthError:
    """401 with the challenge RFC 6750 asks for."""
    challenge = f'{BEARER_CHALLENGE}, error="invalid_token"' if invalid_token else BEARER_CHALLENGE
    return AuthError(
        401, "请先登录，或登录已过期，请重新登录。", "/problems/unauthenticated", {"WWW-Authenticate": challenge}
    )


def forbidden(detail: str = "您没有执行此操作的权限。") -> AuthError:
    """403: signed in, but not allowed."""
    return AuthError(403, detail, "/problems/forbidden")


def csrf_failed() -> AuthError:
    """403: an unsafe request from a session without the page's token."""
    return AuthError(403, "页面已过期或请求来源不明（缺少有效的防伪令牌），请刷新页面后重试。", "/problems/csrf")


def keys_unavailable() -> AuthError:
    """503: the identity provider's keys cannot be fetched."""
    return AuthError(503, "暂时无法验证身份提供方的令牌，请稍后重试。", "/problems/identity-provider-unavailable")
