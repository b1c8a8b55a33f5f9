"""Bearer tokens from an institution's identity provider: JWT verified against its JWKS.

Only RS256 and ES256 are accepted, and only with a key of that very algorithm, so that neither
``alg: none`` nor an HMAC signature keyed with the public key (key confusion) can pass.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import jwt
from jwt import PyJWK, PyJWKClient, PyJWKSet

from adr_runtime.auth.roles import AuthMethod, Principal, roles_from
from adr_runtime.auth.settings import AuthSettings

ALLOWED_ALGORITHMS = ("RS256", "ES256")


class InvalidToken(Exception):
    """The token is not acceptable (the reason is for logs, never for the caller)."""


class KeysUnavailable(Exception):
    """The identity provider's keys cannot be fetched just now."""


class KeySource(Protocol):
    """Finds the public key that should have signed a token."""

    def key_for(self, token: str, kid: str | None) -> PyJWK:
        """The key named by ``kid`` (or the only key); raises InvalidToken if none fits."""
        ...


class StaticJwks:
    """Keys given as a JWKS document (tests, air-gapped sites)."""

    def __init__(self, jwks: Mapping[str, Any]) -> None:
        self._keys = [key for key in PyJWKSet.from_dict(dict(jwks)).keys if key.public_key_use in (None, "sig")]

    @classmethod
    def from_file(cls, path: Path) -> "StaticJwks":
        """Reads a JWKS JSON file."""
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def key_for(self, token: str, kid: str | None) -> PyJWK:  # noqa: ARG002
        """The key with this ``kid``; without a ``kid`` only when there is a single key."""
        fitting = [key for key in self._keys if kid is None or key.key_id == kid]
        if len(fitting) != 1:
            raise InvalidToken("no single signing key matches the token")
        return fitting[0]


class RemoteJwks:
    """Keys fetched from the provider's ``jwks_uri`` and cached (refetched for an unknown ``kid``)."""

    def __init__(self, url: str, *, lifespan_seconds: int = 300, timeout_seconds: int = 5) -> None:
        self._client = PyJWKClient(url, cache_keys=True, lifespan=lifespan_seconds, timeout=timeout_seconds)

    def key_for(self, token: str, kid: str | None) -> PyJWK:  # noqa: ARG002
        """The key named by the token's header."""
        try:
            return self._client.get_signing_key_from_jwt(token)
        except jwt.PyJWKClientConnectionError as exc:
            raise KeysUnavailable(str(exc)) from None
        except jwt.PyJWKClientError as exc:
            raise InvalidToken(str(exc)) from None


@dataclass(frozen=True)
class ClaimNames:
    """Where the provider puts what we need."""

    subject: str = "sub"
    name: str = "name"
    roles: str = "roles"
    institution: str = "institution"
    agency_code: str = "agency_code"


@dataclass(frozen=True)
class TokenRules:
    """What a token must say: who issued it, for whom, and the clock tolerance."""

    issuer: str
    audience: str
    leeway_seconds: int = 30
    default_institution: str | None = None  # for providers that serve one institution only


class OidcVerifier:
    """Verifies bearer tokens of one issuer for one audience and maps them to principals."""

    def __init__(self, rules: TokenRules, *, keys: KeySource, claims: ClaimNames | None = None) -> None:
        self._rules = rules
        self._keys = keys
        self._claims = claims or ClaimNames()

    @classmethod
    def from_settings(cls, settings: AuthSettings) -> "OidcVerifier | None":
        """The verifier the settings describe, or None when OIDC is not configured."""
        if not settings.oidc_enabled:
            return None
        assert settings.oidc_issuer is not None and settings.oidc_audience is not None
        keys: KeySource = (
            RemoteJwks(settings.oidc_jwks_url)
            if settings.oidc_jwks_url
            else StaticJwks.from_file(Path(str(settings.oidc_jwks_file)))
        )
        claims = ClaimNames(
            subject=settings.oidc_subject_claim,
            name=settings.oidc_name_claim,
            roles=settings.oidc_roles_claim,
            institution=settings.oidc_institution_claim,
            agency_code=settings.oidc_agency_claim,
        )
        rules = TokenRules(
            issuer=settings.oidc_issuer,
            audience=settings.oidc_audience,
            leeway_seconds=settings.oidc_leeway_seconds,
            default_institution=settings.oidc_default_institution,
        )
        return cls(rules, keys=keys, claims=claims)

    def verify(self, token: str) -> Principal:
        """The principal of a valid token; raises InvalidToken (or KeysUnavailable). May fetch keys: blocking."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from None
        algorithm = header.get("alg")
        if algorithm not in ALLOWED_ALGORITHMS:
            raise InvalidToken(f"algorithm {algorithm!r} is not accepted")
        key = self._keys.key_for(token, header.get("kid"))
        if key.algorithm_name != algorithm:
            raise InvalidToken("the token's algorithm does not match its key")
        return self._principal(self._decode(token, key, algorithm))

    def _decode(self, token: str, key: PyJWK, algorithm: str) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self._rules.audience,
                issuer=self._rules.issuer,
                leeway=self._rules.leeway_seconds,
                options={"require": ["exp", "iss", "aud", self._claims.subject]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from None
        return claims

    def _principal(self, claims: Mapping[str, Any]) -> Principal:
        names = self._claims
        roles = roles_from(_as_list(claims.get(names.roles)))
        institution = claims.get(names.institution) or self._rules.default_institution
        if not roles or not institution:
            raise InvalidToken("the token names no role of this platform or no institution")
        subject = str(claims[names.subject])
        try:
            return Principal(
                subject=subject,
                display_name=str(claims.get(names.name) or subject),
                institution=str(institution),
                roles=roles,
                auth_method=AuthMethod.OIDC,
                agency_code=claims.get(names.agency_code),
            )
        except ValueError as exc:
            raise InvalidToken(str(exc)) from None


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.replace(",", " ").split()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return []
