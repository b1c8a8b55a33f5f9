"""Built-in staff accounts: creation, and password sign-in with lockout, every attempt audited.

The caller learns only one of three outcomes. An unknown username and a wrong password both
answer REFUSED, after the same Argon2 work; a locked and a disabled account both answer LOCKED,
whatever the password. Unknown usernames also "lock" after as many failures in the lockout
period, so that repeated tries do not reveal which names exist.
"""

import asyncio
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime.auth.audit import ANONYMOUS, AuditAction, AuditEntry, Outcome, record_audit
from adr_runtime.auth.passwords import PasswordCheck, Passwords
from adr_runtime.auth.roles import AuthMethod, Principal, Role, roles_from
from adr_runtime.auth.tables import AuthTables

_USERNAME = re.compile(r"^[a-z0-9._@-]{2,100}$")


class SignInOutcome(StrEnum):
    """What the person signing in is told."""

    SIGNED_IN = "signed_in"
    REFUSED = "refused"  # unknown username or wrong password
    LOCKED = "locked"  # locked after failures, or disabled


@dataclass(frozen=True)
class SignIn:
    """The outcome, with the principal when signed in."""

    outcome: SignInOutcome
    principal: Principal | None = None


@dataclass(frozen=True)
class LockoutPolicy:
    """After ``max_failures`` wrong passwords in a row, the account is locked for ``lock_minutes``."""

    max_failures: int = 5
    lock_minutes: int = 15

    @property
    def period(self) -> timedelta:
        """How long a lock lasts."""
        return timedelta(minutes=self.lock_minutes)


@dataclass(frozen=True)
class NewAccount:
    """An account to create."""

    username: str
    display_name: str
    password: str
    roles: frozenset[Role]
    institution: str
    agency_code: str | None = None


class UsernameTaken(ValueError):
    """An account with this username exists already."""


class InvalidUsername(ValueError):
    """Usernames are 2–100 lower-case letters, digits and ``. _ @ -``."""


def normalize_username(username: str) -> str:
    """The form in which usernames are stored and looked up."""
    return username.strip().lower()


class Accounts:
    """The staff accounts of one service's database."""

    def __init__(self, tables: AuthTables, *, passwords: Passwords, policy: LockoutPolicy) -> None:
        self._tables = tables
        self._passwords = passwords
        self._policy = policy

    async def create(self, session: AsyncSession, account: NewAccount, *, now: datetime) -> int:
        """Adds an account in the caller's transaction and returns its id."""
        username = normalize_username(account.username)
        if not _USERNAME.match(username):
            raise InvalidUsername(username)
        Principal(
            username, account.display_name, account.institution, account.roles, AuthMethod.PASSWORD, account.agency_code
        )  # refuses a liaison without an agency
        if await self._find(session, username) is not None:
            raise UsernameTaken(username)
        password_hash = await asyncio.to_thread(self._passwords.hash, account.password)
        table = self._tables.staff_accounts
        result = await session.execute(
            insert(table)
            .values(
                username=username,
                display_name=account.display_name,
                password_hash=password_hash,
                roles=sorted(role.value for role in account.roles),
                agency_code=account.agency_code,
                institution=account.institution,
                failed_attempts=0,
                disabled=False,
                created_at=now,
            )
            .returning(table.c.id)
        )
        return int(result.scalar_one())

    async def set_disabled(self, session: AsyncSession, username: str, *, disabled: bool) -> bool:
        """Disables or re-enables an account; False if there is no such account."""
        table = self._tables.staff_accounts
        result = await session.execute(
            update(table).where(table.c.username == normalize_username(username)).values(disabled=disabled)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def authenticate(
        self, sessions: async_sessionmaker[AsyncSession], *, username: str, password: str, now: datetime
    ) -> SignIn:
        """Checks a password sign-in and records it; one transaction for the outcome and its audit rows.

        The Argon2 work runs in a thread, outside any transaction.
        """
        username = normalize_username(username)[:100]
        async with sessions() as session:
            row = await self._find(session, username)
        check = await asyncio.to_thread(self._verify, row, password, now)
        async with sessions() as session, session.begin():
            if row is None:
                return await self._refuse_unknown(session, username, now)
            if check is None:
                return await self._refuse_unavailable(session, row, now)
            if not check.ok:
                return await self._record_failure(session, row, now)
            return await self._record_success(session, row, check, now)

    def _verify(self, row: Any, password: str, now: datetime) -> PasswordCheck | None:
        if row is None or _unavailable(row, now):
            self._passwords.burn(password)
            return None
        return self._passwords.check(row.password_hash, password)

    async def _find(self, session: AsyncSession, username: str) -> Any:
        table = self._tables.staff_accounts
        return (await session.execute(select(table).where(table.c.username == username))).one_or_none()

    async def _refuse_unknown(self, session: AsyncSession, username: str, now: datetime) -> SignIn:
        log = self._tables.audit_log
        recent = await session.execute(
            select(func.count()).where(
                log.c.action == AuditAction.SIGN_IN_FAILED.value,
                log.c.target == username,
                log.c.at > now - self._policy.period,
            )
        )
        await self._audit(session, now, ANONYMOUS, AuditAction.SIGN_IN_FAILED, username, reason="unknown_user")
        locked = int(recent.scalar_one()) + 1 >= self._policy.max_failures
        return SignIn(SignInOutcome.LOCKED if locked else SignInOutcome.REFUSED)

    async def _refuse_unavailable(self, session: AsyncSession, row: Any, now: datetime) -> SignIn:
        reason = "disabled" if row.disabled else "locked"
        await self._audit(session, now, ANONYMOUS, AuditAction.SIGN_IN_FAILED, row.username, reason=reason)
        return SignIn(SignInOutcome.LOCKED)

    async def _record_failure(self, session: AsyncSession, row: Any, now: datetime) -> SignIn:
        table = self._tables.staff_accounts
        counted = await session.execute(
            update(table)
            .where(table.c.id == row.id)
            .values(failed_attempts=table.c.failed_attempts + 1)
            .returning(table.c.failed_attempts)
        )
        failures = int(counted.scalar_one())
        await self._audit(session, now, ANONYMOUS, AuditAction.SIGN_IN_FAILED, row.username, reason="wrong_password")
        if failures < self._policy.max_failures:
            return SignIn(SignInOutcome.REFUSED)
        until = now + self._policy.period
        await session.execute(update(table).where(table.c.id == row.id).values(failed_attempts=0, locked_until=until))
        await self._audit(
            session,
            now,
            ANONYMOUS,
            AuditAction.LOCKED,
            row.username,
            failures=failures,
            minutes=self._policy.lock_minutes,
        )
        return SignIn(SignInOutcome.LOCKED)

    async def _record_success(self, session: AsyncSession, row: Any, check: PasswordCheck, now: datetime) -> SignIn:
        table = self._tables.staff_accounts
        values: dict[str, Any] = {"failed_attempts": 0, "locked_until": None}
        if check.new_hash is not None:
            values["password_hash"] = check.new_hash
        # guarded: the account may have been locked or disabled while the password was checked
        result = await session.execute(
            update(table)
            .where(table.c.id == row.id, table.c.disabled.is_(False))
            .where(or_(table.c.locked_until.is_(None), table.c.locked_until <= now))
            .values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return await self._refuse_unavailable(session, row, now)
        principal = _principal(row)
        await self._audit(
            session,
            now,
            principal.actor,
            AuditAction.SIGN_IN,
            row.username,
            method=AuthMethod.PASSWORD.value,
            rehashed=check.new_hash is not None,
        )
        return SignIn(SignInOutcome.SIGNED_IN, principal)

    async def _audit(
        self, session: AsyncSession, now: datetime, actor: str, action: AuditAction, target: str, **details: Any
    ) -> None:
        outcome = Outcome.SUCCESS if action is AuditAction.SIGN_IN else Outcome.FAILURE
        entry = AuditEntry(actor=actor, action=action, target=target, outcome=outcome, details=details)
        await record_audit(session, self._tables.audit_log, entry, at=now)


def _unavailable(row: Any, now: datetime) -> bool:
    return bool(row.disabled) or (row.locked_until is not None and row.locked_until > now)


def _principal(row: Any) -> Principal:
    return Principal(
        subject=row.username,
        display_name=row.display_name,
        institution=row.institution,
        roles=roles_from(row.roles),
        auth_method=AuthMethod.PASSWORD,
        agency_code=row.agency_code,
    )
