"""Bearer tokens from an identity provider: what passes and every way a forged or stale one fails."""

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from pydantic import ValidationError

from adr_runtime.auth.oidc import ClaimNames, InvalidToken, OidcVerifier, RemoteJwks, StaticJwks, TokenRules
from adr_runtime.auth.roles import AuthMethod, Role
from adr_runtime.auth.settings import AuthSettings
from adr_runtime.auth.testkit import AUDIENCE, ISSUER, SigningKey, claims_for, ec_key, jwks, rsa_key

pytestmark = pytest.mark.clause("O2")

RSA = rsa_key("rsa-1")
EC = ec_key("ec-1")
RULES = TokenRules(issuer=ISSUER, audience=AUDIENCE)


def verifier(*keys: SigningKey, **options: Any) -> OidcVerifier:
    return OidcVerifier(RULES, keys=StaticJwks(jwks(*keys)), **options)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256_forgery(claims: dict[str, Any], secret: bytes, kid: str) -> str:
    """A token "signed" with HMAC keyed by the public key: the classic key-confusion attack."""
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
    body = b64(json.dumps(claims, default=lambda d: int(d.timestamp())).encode())
    signature = hmac.new(secret, f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{b64(signature)}"


def test_a_valid_rs256_token_maps_to_a_principal() -> None:
    token = RSA.sign(claims_for("judge-7", ["court_clerk", "unrelated_role"], name="王法官"))

    principal = verifier(RSA, EC).verify(token)

    assert principal.subject == "judge-7"
    assert principal.display_name == "王法官"
    assert principal.institution == "court"
    assert principal.roles == frozenset({Role.COURT_CLERK})
    assert principal.auth_method is AuthMethod.OIDC
    assert principal.actor == "oidc:judge-7"


def test_a_valid_es256_token_is_accepted() -> None:
    assert verifier(RSA, EC).verify(EC.sign(claims_for("p-1", ["procurator"]))).roles == {Role.PROCURATOR}


def test_claim_names_are_configurable() -> None:
    standard = {k: v for k, v in claims_for("l-1", []).items() if k not in ("roles", "institution")}
    claims = {**standard, "https://adr/roles": "agency_liaison", "org": "agency", "unit": "WJG-SCJ"}
    names = ClaimNames(roles="https://adr/roles", institution="org", agency_code="unit")

    principal = verifier(RSA, claims=names).verify(RSA.sign(claims))

    assert principal.roles == {Role.AGENCY_LIAISON}
    assert (principal.institution, principal.agency_code) == ("agency", "WJG-SCJ")


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda c: {**c, "exp": datetime.now(UTC) - timedelta(minutes=2)}, "expired"),
        (lambda c: {**c, "aud": "adr-intake"}, "(?i)audience"),
        (lambda c: {**c, "iss": "https://evil.example/"}, "issuer"),
        (lambda c: {k: v for k, v in c.items() if k != "exp"}, "exp"),
        (lambda c: {**c, "roles": ["viewer"]}, "no role"),
        (lambda c: {**c, "roles": ["agency_liaison"]}, "agency"),
    ],
    ids=["expired", "wrong audience", "wrong issuer", "no expiry", "no role of ours", "liaison without agency"],
)
def test_tokens_with_bad_claims_are_refused(spoil: Callable[[dict[str, Any]], dict[str, Any]], reason: str) -> None:
    token = RSA.sign(spoil(claims_for("u", ["mediator"])))

    with pytest.raises(InvalidToken, match=reason):
        verifier(RSA).verify(token)


def test_an_unsigned_token_is_refused() -> None:
    header = b64(json.dumps({"alg": "none", "typ": "JWT", "kid": RSA.kid}).encode())
    body = b64(json.dumps(claims_for("mallory", ["admin"]), default=lambda d: int(d.timestamp())).encode())
    token = f"{header}.{body}."

    with pytest.raises(InvalidToken, match="algorithm"):
        verifier(RSA).verify(token)


@pytest.mark.parametrize("form", ["pem", "jwk"])
def test_hs256_keyed_with_the_public_key_is_refused(form: str) -> None:
    public = RSA.private_key.public_key()
    if form == "pem":
        secret = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    else:
        secret = json.dumps(RSA.public_jwk()).encode()
    token = hs256_forgery(claims_for("mallory", ["admin"]), secret, RSA.kid)

    with pytest.raises(InvalidToken, match="algorithm"):
        verifier(RSA).verify(token)


def test_a_token_whose_algorithm_differs_from_its_key_is_refused() -> None:
    other = rsa_key("ec-1")  # an RS256 token claiming the kid of the EC key

    with pytest.raises(InvalidToken, match="does not match"):
        verifier(EC).verify(other.sign(claims_for("u", ["mediator"])))


def test_a_token_signed_by_an_unpublished_key_is_refused() -> None:
    impostor = rsa_key("rsa-1")  # same kid, different key

    with pytest.raises(InvalidToken):
        verifier(RSA).verify(impostor.sign(claims_for("u", ["mediator"])))


def test_a_token_naming_an_unknown_key_is_refused() -> None:
    with pytest.raises(InvalidToken, match="signing key"):
        verifier(RSA).verify(rsa_key("rsa-2").sign(claims_for("u", ["mediator"])))


def test_garbage_is_refused() -> None:
    with pytest.raises(InvalidToken):
        verifier(RSA).verify("not.a.token")


@pytest.fixture
def jwks_url() -> Iterator[str]:
    """A real HTTP server publishing the JWKS, as an identity provider does."""
    body = json.dumps(jwks(RSA)).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/certs"
    server.shutdown()
    server.server_close()


def test_keys_are_fetched_from_the_jwks_url(jwks_url: str) -> None:
    remote = OidcVerifier(RULES, keys=RemoteJwks(jwks_url))

    assert remote.verify(RSA.sign(claims_for("judge-7", ["court_clerk"]))).subject == "judge-7"
    with pytest.raises(InvalidToken):
        remote.verify(rsa_key("rsa-2").sign(claims_for("u", ["mediator"])))


def test_settings_build_a_verifier_from_a_jwks_file(tmp_path: Any) -> None:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(jwks(EC)))
    settings = AuthSettings(oidc_issuer=ISSUER, oidc_audience=AUDIENCE, oidc_jwks_file=path)

    built = OidcVerifier.from_settings(settings)

    assert built is not None
    assert built.verify(EC.sign(claims_for("p-1", ["procurator"]))).subject == "p-1"
    assert OidcVerifier.from_settings(AuthSettings()) is None


def test_incomplete_oidc_settings_are_refused() -> None:
    with pytest.raises(ValidationError):
        AuthSettings(oidc_issuer=ISSUER, oidc_jwks_url="https://idp.example/certs")
    with pytest.raises(ValidationError):
        AuthSettings(oidc_issuer=ISSUER, oidc_audience=AUDIENCE)
