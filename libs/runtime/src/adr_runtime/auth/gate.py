"""The sign-in machinery of one service, built once in its entry point and kept on ``app.state.auth``."""

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.concurrency import run_in_threadpool

from adr_runtime.auth.accounts import Accounts, LockoutPolicy, SignIn
from adr_runtime.auth.audit import AuditEntry, record_audit
from adr_runtime.auth.errors import keys_unavailable, unauthenticated
from adr_runtime.auth.oidc import InvalidToken, KeysUnavailable, OidcVerifier
from adr_runtime.auth.passwords import Passwords
from adr_runtime.auth.roles import Principal
from adr_runtime.auth.sessions import CookiePolicy, SessionCodec, SessionData
from adr_runtime.auth.settings import AuthSettings
from adr_runtime.auth.tables import AuthTables
from adr_runtime.clock import utc_now

logger = logging.getLogger(__name__)

PLATFORM_TITLE = "行政争议实质性化解平台"


class AuthGate:
    """Accounts, sessions, bearer tokens and the audit log of one service."""

    def __init__(
        self,
        settings: AuthSettings,
        *,
        service: str,
        tables: AuthTables,
        sessions: async_sessionmaker[AsyncSession],
        env: str = "dev",
    ) -> None:
        self.settings = settings
        self.title = PLATFORM_TITLE  # the office's name on the sign-in page
        self.tables = tables
        self.sessions = sessions
        self.clock: Callable[[], datetime] = utc_now
        self.passwords = Passwords()
        self.policy = LockoutPolicy(settings.lockout_max_failures, settings.lockout_minutes)
        self.verifier = OidcVerifier.from_settings(settings)
        self.codec = SessionCodec(settings.secret_for(env), max_age_seconds=settings.session_max_age_seconds)
        self.cookies = CookiePolicy(settings.secure_cookies(env), settings.session_max_age_seconds)
        token = service.replace("-", "_")
        self.session_cookie = settings.session_cookie or f"adr_session_{token}"
        self.login_cookie = settings.login_cookie or f"adr_login_{token}"

    @property
    def accounts(self) -> Accounts:
        """The built-in accounts (with the current hasher and lockout policy)."""
        return Accounts(self.tables, passwords=self.passwords, policy=self.policy)

    async def sign_in(self, username: str, password: str) -> SignIn:
        """Checks a password sign-in; the attempt is audited whatever its outcome."""
        return await self.accounts.authenticate(self.sessions, username=username, password=password, now=self.clock())

    def read_session(self, cookie_value: str | None) -> SessionData | None:
        """The session a cookie value carries, if it is genuine and current."""
        return self.codec.read(cookie_value)

    async def verify_bearer(self, token: str) -> Principal:
        """The principal of an identity provider's token; 401 (or 503) otherwise."""
        if self.verifier is None:
            raise unauthenticated(invalid_token=True)
        try:
            return await run_in_threadpool(self.verifier.verify, token)
        except InvalidToken as exc:
            logger.info("bearer token refused: %s", exc)
            raise unauthenticated(invalid_token=True) from None
        except KeysUnavailable:
            logger.warning("identity provider keys unavailable")
            raise keys_unavailable() from None

    async def record(self, entry: AuditEntry) -> None:
        """Writes an audit entry in its own transaction."""
        async with self.sessions() as session, session.begin():
            await record_audit(session, self.tables.audit_log, entry, at=self.clock())
