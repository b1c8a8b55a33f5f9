"""Session cookie values and the sign-in settings that secure them."""

import itsdangerous
import pytest
from pydantic import SecretStr
from starlette.responses import Response

from adr_runtime.auth.roles import AuthMethod, Principal, Role
from adr_runtime.auth.sessions import CookiePolicy, SessionCodec
from adr_runtime.auth.settings import AuthSettings

pytestmark = pytest.mark.clause("O2")

LIAISON = Principal(
    "zhao.liaison", "赵联络", "agency", frozenset({Role.AGENCY_LIAISON}), AuthMethod.PASSWORD, "WJG-SCJ"
)
SECRET = "s" * 40


def test_a_session_reads_back_with_its_principal_and_token() -> None:
    codec = SessionCodec(SECRET, max_age_seconds=600)

    value, issued = codec.issue(LIAISON)

    assert codec.read(value) == issued
    assert issued.principal == LIAISON and len(issued.csrf_token) >= 32


def test_every_issue_rotates_the_value_and_the_csrf_token() -> None:
    codec = SessionCodec(SECRET, max_age_seconds=600)

    (first, a), (second, b) = codec.issue(LIAISON), codec.issue(LIAISON)

    assert first != second and a.csrf_token != b.csrf_token


def flip(value: str, index: int) -> str:
    """The value with one character (all of whose bits count) replaced."""
    return value[:index] + ("A" if value[index] != "A" else "B") + value[index + 1 :]


@pytest.mark.parametrize("where", ["payload", "signature", "prefix", "case"])
def test_a_tampered_value_is_no_session(where: str) -> None:
    codec = SessionCodec(SECRET, max_age_seconds=600)
    value, _ = codec.issue(LIAISON)
    spoiled = {
        "payload": flip(value, 5),
        "signature": flip(value, len(value) - 10),
        "prefix": "x" + value,
        "case": value.swapcase(),
    }[where]

    assert codec.read(spoiled) is None


def test_a_value_signed_with_another_secret_is_no_session() -> None:
    value, _ = SessionCodec("t" * 40, max_age_seconds=600).issue(LIAISON)

    assert SessionCodec(SECRET, max_age_seconds=600).read(value) is None


def test_a_session_older_than_its_maximum_age_is_no_session(monkeypatch: pytest.MonkeyPatch) -> None:
    codec = SessionCodec(SECRET, max_age_seconds=600)
    value, _ = codec.issue(LIAISON)
    issued_at = itsdangerous.TimestampSigner("k").get_timestamp()

    monkeypatch.setattr(itsdangerous.TimestampSigner, "get_timestamp", lambda _self: issued_at + 601)

    assert codec.read(value) is None


def test_cookies_are_http_only_and_same_site_lax_and_secure_when_asked() -> None:
    response = Response()

    CookiePolicy(secure=True, max_age_seconds=3600).set(response, "adr_session_intake", "v")

    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "secure" in header and "max-age=3600" in header


def test_production_refuses_a_missing_or_short_secret_and_uses_secure_cookies() -> None:
    with pytest.raises(ValueError, match="session secret"):
        AuthSettings().secret_for("prod")
    with pytest.raises(ValueError, match="session secret"):
        AuthSettings(session_secret=SecretStr("changethis")).secret_for("prod")

    assert AuthSettings(session_secret=SecretStr(SECRET)).secret_for("prod") == SECRET
    assert AuthSettings().secure_cookies("prod") and not AuthSettings().secure_cookies("dev")
    assert AuthSettings(cookie_secure=True).secure_cookies("dev")


def test_development_without_a_secret_gets_a_random_one_per_process() -> None:
    settings = AuthSettings()

    assert settings.secret_for("dev") != settings.secret_for("dev")
    assert len(settings.secret_for("dev")) >= 32
