"""Password hashing with Argon2id (argon2-cffi), with rehashing when the parameters change."""

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_LENGTH = 8


class WeakPassword(ValueError):
    """The password is too short to be set."""


@dataclass(frozen=True)
class PasswordCheck:
    """The result of checking a password: whether it matched, and a fresh hash if one is due."""

    ok: bool
    new_hash: str | None = None


class Passwords:
    """Hashes and checks passwords; salted, memory-hard, parameters in the hash itself."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        """A new salted hash; refuses passwords shorter than MIN_PASSWORD_LENGTH."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise WeakPassword(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符")
        return self._hasher.hash(password)

    def check(self, stored_hash: str, password: str) -> PasswordCheck:
        """Verifies; when it matches under old parameters, returns the hash to store instead."""
        try:
            self._hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return PasswordCheck(ok=False)
        if self._hasher.check_needs_rehash(stored_hash):
            return PasswordCheck(ok=True, new_hash=self._hasher.hash(password))
        return PasswordCheck(ok=True)

    def burn(self, password: str) -> None:
        """Spends the time of one verification, so that an unknown username answers as slowly."""
        if self._dummy is None:
            self._dummy = self._hasher.hash("dummy password that matches nobody")
        self.check(self._dummy, password)
