"""Argon2id password hashes: salted, verifiable, refreshed when the parameters change."""

import pytest
from argon2 import PasswordHasher

from adr_runtime.auth.passwords import Passwords, WeakPassword

pytestmark = pytest.mark.clause("O2")


def test_hashes_are_argon2id_salted_and_verify_with_default_parameters() -> None:
    passwords = Passwords()

    first, second = passwords.hash("正确的密码-2026"), passwords.hash("正确的密码-2026")

    assert first.startswith("$argon2id$") and second.startswith("$argon2id$")
    assert first != second  # a fresh salt each time
    assert passwords.check(first, "正确的密码-2026").ok
    assert passwords.check(second, "正确的密码-2026").ok
    assert not passwords.check(first, "正确的密码-2027").ok


def test_a_hash_under_old_parameters_is_replaced_after_a_successful_check() -> None:
    old = Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)).hash("long enough")
    current = Passwords(PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))

    check = current.check(old, "long enough")

    assert check.ok and check.new_hash is not None
    assert "m=2048,t=2,p=1" in check.new_hash
    assert current.check(check.new_hash, "long enough").new_hash is None


def test_a_wrong_password_never_yields_a_new_hash() -> None:
    old = Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)).hash("long enough")

    check = Passwords().check(old, "not the one")

    assert not check.ok and check.new_hash is None


def test_garbage_in_the_hash_column_fails_closed() -> None:
    assert not Passwords().check("not-a-hash", "whatever password").ok


def test_short_passwords_are_refused() -> None:
    with pytest.raises(WeakPassword):
        Passwords().hash("short")
