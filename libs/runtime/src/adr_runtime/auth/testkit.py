"""For tests of services that use sign-in: signing keys, tokens, a fast hasher and a scratch gate.

Nothing here is used by a running service.
"""

import json
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import jwt
from argon2 import PasswordHasher
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from sqlalchemy import select

from adr_runtime.auth.accounts import NewAccount
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.passwords import Passwords
from adr_runtime.auth.roles import Role
from adr_runtime.auth.settings import AuthSettings
from adr_runtime.auth.tables import auth_tables
from adr_runtime.db import create_engine, new_metadata, session_factory

if TYPE_CHECKING:
    import httpx

ISSUER = "https://idp.court.example/realms/adr"
PASSWORD = "正确的密码-2026"
AUDIENCE = "adr-court-bridge"


@dataclass(frozen=True)
class SigningKey:
    """A private key of a test identity provider."""

    kid: str
    algorithm: str
    private_key: Any = field(repr=False)

    def public_jwk(self) -> dict[str, Any]:
        """The public half as a JWK (what a JWKS publishes)."""
        codec = RSAAlgorithm if self.algorithm == "RS256" else ECAlgorithm
        jwk: dict[str, Any] = json.loads(codec.to_jwk(self.private_key.public_key()))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": self.algorithm}

    def sign(self, claims: Mapping[str, Any], **headers: Any) -> str:
        """A JWT over ``claims`` signed with this key."""
        header = {"kid": self.kid, **headers}
        return jwt.encode(dict(claims), self.private_key, algorithm=self.algorithm, headers=header)


def rsa_key(kid: str = "rsa-1") -> SigningKey:
    """A fresh RS256 key."""
    return SigningKey(kid, "RS256", rsa.generate_private_key(public_exponent=65537, key_size=2048))


def ec_key(kid: str = "ec-1") -> SigningKey:
    """A fresh ES256 key."""
    return SigningKey(kid, "ES256", ec.generate_private_key(ec.SECP256R1()))


def jwks(*keys: SigningKey) -> dict[str, Any]:
    """A JWKS document publishing the keys' public halves."""
    return {"keys": [key.public_jwk() for key in keys]}


def claims_for(subject: str, roles: list[str], *, now: datetime | None = None, **extra: Any) -> dict[str, Any]:
    """Valid claims for ISSUER and AUDIENCE, expiring in five minutes."""
    issued = now or datetime.now(UTC)
    return {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": subject,
        "iat": issued,
        "exp": issued + timedelta(minutes=5),
        "name": subject,
        "roles": roles,
        "institution": "court",
        **extra,
    }


def fast_passwords() -> Passwords:
    """Argon2id with tiny parameters, for tests that sign in many times."""
    return Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@asynccontextmanager
async def scratch_gate(
    database_url: str, settings: AuthSettings | None = None, *, env: str = "test", service: str = "intake"
) -> AsyncIterator[AuthGate]:
    """A gate on a fresh database holding only the sign-in tables (fast hasher)."""
    metadata = new_metadata()
    tables = auth_tables(metadata)
    engine = create_engine(database_url)
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    sessions = session_factory(engine)
    gate = AuthGate(settings or AuthSettings(), service=service, tables=tables, sessions=sessions, env=env)
    gate.passwords = fast_passwords()
    try:
        yield gate
    finally:
        await engine.dispose()


async def add_account(
    gate: AuthGate, username: str, *roles: Role, agency_code: str | None = None, password: str = PASSWORD
) -> None:
    """Creates a built-in account of the centre."""
    account = NewAccount(username, "测试人员", password, frozenset(roles), "centre", agency_code)
    async with gate.sessions() as session, session.begin():
        await gate.accounts.create(session, account, now=gate.clock())


async def sign_in_form(
    client: "httpx.AsyncClient", username: str, password: str = PASSWORD, *, next_path: str = "/"
) -> "httpx.Response":
    """Signs in as a browser does: fetch the form, post it back with its token."""
    page = await client.get("/auth/login", params={"next": next_path})
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match is not None, "the sign-in form carries no token"
    data = {"username": username, "password": password, "csrf_token": match.group(1), "next": next_path}
    return await client.post("/auth/login", data=data)


def session_csrf_token(client: "httpx.AsyncClient", gate: AuthGate) -> str:
    """The CSRF token of the client's current session (what a page would embed)."""
    session = gate.read_session(client.cookies.get(gate.session_cookie))
    assert session is not None, "the client holds no valid session"
    return session.csrf_token


async def audit_trail(gate: AuthGate) -> list[tuple[str, str, str]]:
    """(action, actor, target) of every audit row, oldest first."""
    log = gate.tables.audit_log
    async with gate.sessions() as session:
        rows = await session.execute(select(log.c.action, log.c.actor, log.c.target).order_by(log.c.id))
    return [(row.action, row.actor, row.target) for row in rows]
