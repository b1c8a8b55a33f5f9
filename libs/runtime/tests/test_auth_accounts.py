"""Password sign-in with lockout and audit, on SQLite and PostgreSQL."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from adr_runtime.auth.accounts import InvalidUsername, NewAccount, SignInOutcome, UsernameTaken
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.passwords import Passwords
from adr_runtime.auth.roles import AuthMethod, Role
from adr_runtime.auth.seed import demo_username, seed_demo_accounts
from adr_runtime.auth.testkit import scratch_gate

pytestmark = [pytest.mark.integration, pytest.mark.clause("O2")]

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
PASSWORD = "正确的密码-2026"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def gate(database_url: str) -> AsyncIterator[AuthGate]:
    async with scratch_gate(database_url) as gate:
        gate.clock = Clock(T0)
        yield gate


async def add_account(gate: AuthGate, username: str = "li.mediator", **overrides: Any) -> None:
    fields: dict[str, Any] = {
        "username": username,
        "display_name": "李调解",
        "password": PASSWORD,
        "roles": frozenset({Role.MEDIATOR}),
        "institution": "centre",
        **overrides,
    }
    async with gate.sessions() as session, session.begin():
        await gate.accounts.create(session, NewAccount(**fields), now=gate.clock())


async def audit_rows(gate: AuthGate) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    log = gate.tables.audit_log
    async with gate.sessions() as session:
        rows = await session.execute(
            select(log.c.action, log.c.actor, log.c.target, log.c.outcome, log.c.details).order_by(log.c.id)
        )
    return [tuple(row) for row in rows]


async def account_row(gate: AuthGate, username: str = "li.mediator") -> Any:
    table = gate.tables.staff_accounts
    async with gate.sessions() as session:
        return (await session.execute(select(table).where(table.c.username == username))).one()


async def fail(gate: AuthGate, times: int, username: str = "li.mediator") -> list[SignInOutcome]:
    return [(await gate.sign_in(username, "wrong password")).outcome for _ in range(times)]


async def test_the_right_password_signs_in_and_is_audited(gate: AuthGate) -> None:
    await add_account(gate)

    result = await gate.sign_in("  Li.Mediator ", PASSWORD)

    assert result.outcome is SignInOutcome.SIGNED_IN
    assert result.principal is not None
    assert result.principal.subject == "li.mediator"
    assert result.principal.roles == frozenset({Role.MEDIATOR})
    assert result.principal.auth_method is AuthMethod.PASSWORD
    assert await audit_rows(gate) == [
        ("sign_in", "staff:li.mediator", "li.mediator", "success", {"method": "password", "rehashed": False})
    ]


async def test_unknown_user_and_wrong_password_are_told_the_same(gate: AuthGate) -> None:
    await add_account(gate)

    wrong = await gate.sign_in("li.mediator", "wrong password")
    unknown = await gate.sign_in("nobody.here", "wrong password")

    assert wrong == unknown
    assert wrong.outcome is SignInOutcome.REFUSED and wrong.principal is None
    assert [(row[0], row[3], row[4]["reason"]) for row in await audit_rows(gate)] == [
        ("sign_in_failed", "failure", "wrong_password"),
        ("sign_in_failed", "failure", "unknown_user"),
    ]


async def test_the_fifth_failure_locks_the_account_even_against_the_right_password(gate: AuthGate) -> None:
    await add_account(gate)

    outcomes = await fail(gate, 5)
    afterwards = await gate.sign_in("li.mediator", PASSWORD)

    assert outcomes == [SignInOutcome.REFUSED] * 4 + [SignInOutcome.LOCKED]
    assert afterwards.outcome is SignInOutcome.LOCKED and afterwards.principal is None
    assert (await account_row(gate)).locked_until == T0 + timedelta(minutes=15)
    actions = [(row[0], row[4].get("reason")) for row in await audit_rows(gate)]
    assert actions == [("sign_in_failed", "wrong_password")] * 5 + [("locked", None), ("sign_in_failed", "locked")]


async def test_the_lock_is_released_after_the_period(gate: AuthGate) -> None:
    await add_account(gate)
    await fail(gate, 5)
    clock = gate.clock
    assert isinstance(clock, Clock)

    clock.now = T0 + timedelta(minutes=14, seconds=59)
    still_locked = await gate.sign_in("li.mediator", PASSWORD)
    clock.now = T0 + timedelta(minutes=15, seconds=1)
    released = await gate.sign_in("li.mediator", PASSWORD)

    assert still_locked.outcome is SignInOutcome.LOCKED
    assert released.outcome is SignInOutcome.SIGNED_IN
    row = await account_row(gate)
    assert (row.failed_attempts, row.locked_until) == (0, None)


async def test_a_success_clears_earlier_failures(gate: AuthGate) -> None:
    await add_account(gate)
    await fail(gate, 4)
    await gate.sign_in("li.mediator", PASSWORD)

    outcomes = await fail(gate, 4)

    assert outcomes == [SignInOutcome.REFUSED] * 4
    assert (await account_row(gate)).failed_attempts == 4


async def test_lockout_numbers_come_from_the_policy(database_url: str) -> None:
    from adr_runtime.auth.settings import AuthSettings

    async with scratch_gate(database_url, AuthSettings(lockout_max_failures=2, lockout_minutes=1)) as gate:
        gate.clock = Clock(T0)
        await add_account(gate)

        outcomes = await fail(gate, 2)

        assert outcomes == [SignInOutcome.REFUSED, SignInOutcome.LOCKED]
        assert (await account_row(gate)).locked_until == T0 + timedelta(minutes=1)


async def test_a_disabled_account_fails_like_a_locked_one(gate: AuthGate) -> None:
    await add_account(gate)
    await add_account(gate, "wang.locked")
    await fail(gate, 5, "wang.locked")
    async with gate.sessions() as session, session.begin():
        assert await gate.accounts.set_disabled(session, "li.mediator", disabled=True)

    disabled = await gate.sign_in("li.mediator", PASSWORD)
    locked = await gate.sign_in("wang.locked", PASSWORD)

    assert disabled == locked
    assert disabled.outcome is SignInOutcome.LOCKED
    assert (await audit_rows(gate))[-2][4] == {"reason": "disabled"}


async def test_an_unknown_username_locks_like_a_real_account(gate: AuthGate) -> None:
    await add_account(gate)

    real = await fail(gate, 6)
    unknown = await fail(gate, 6, "no.such.person")

    assert real == unknown == [SignInOutcome.REFUSED] * 4 + [SignInOutcome.LOCKED] * 2


async def test_sign_in_rehashes_a_password_stored_under_old_parameters(gate: AuthGate) -> None:
    gate.passwords = Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    await add_account(gate)
    gate.passwords = Passwords(PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))

    result = await gate.sign_in("li.mediator", PASSWORD)

    assert result.outcome is SignInOutcome.SIGNED_IN
    assert "m=2048,t=2,p=1" in (await account_row(gate)).password_hash
    assert (await audit_rows(gate))[-1][4] == {"method": "password", "rehashed": True}


async def test_accounts_refuse_a_taken_or_malformed_username_and_a_liaison_without_agency(gate: AuthGate) -> None:
    await add_account(gate)

    with pytest.raises(UsernameTaken):
        await add_account(gate, "LI.MEDIATOR")
    with pytest.raises(InvalidUsername):
        await add_account(gate, "张 三")
    with pytest.raises(ValueError, match="agency"):
        await add_account(gate, "liaison", roles=frozenset({Role.AGENCY_LIAISON}))


async def test_demo_seed_creates_one_account_per_role_once(gate: AuthGate) -> None:
    first = await seed_demo_accounts(gate, password="demo-password", institution="centre")
    again = await seed_demo_accounts(gate, password="demo-password", institution="centre")

    assert sorted(first) == sorted(demo_username(role) for role in Role)
    assert again == []
    liaison = await gate.sign_in(demo_username(Role.AGENCY_LIAISON), "demo-password")
    assert liaison.principal is not None and liaison.principal.agency_code == "WJG-DEMO"
