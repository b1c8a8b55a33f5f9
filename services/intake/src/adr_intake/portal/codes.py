"""Private access codes: random, shown once, stored as an Argon2id hash."""

import secrets

from argon2 import PasswordHasher

from adr_runtime.auth.passwords import Passwords

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and typed on a phone
GROUPS, GROUP_LENGTH = 3, 4

# A code carries ~59 random bits and attempts are limited, so lighter Argon2id parameters than for
# chosen passwords suffice (16 MiB, one pass): a stolen table still costs far too much to search.
_passwords = Passwords(PasswordHasher(time_cost=1, memory_cost=16 * 1024, parallelism=1))


def new_code() -> str:
    """A new code such as ``7KQ2-M9XD-4HTP`` (about 59 bits)."""
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join(groups)


def normalise(code: str) -> str:
    """The code as typed, without spaces or dashes, in capitals."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    """The stored form of a code."""
    return _passwords.hash(normalise(code))


def check_code(stored_hash: str | None, code: str) -> bool:
    """Whether ``code`` is the one hashed; an unknown number spends the same time."""
    typed = normalise(code)
    if stored_hash is None or not typed:
        _passwords.burn(typed or "x")
        return False
    return _passwords.check(stored_hash, typed).ok
