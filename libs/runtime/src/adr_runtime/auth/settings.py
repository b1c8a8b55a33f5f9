"""The sign-in settings a service's Settings embeds (``auth: AuthSettings = AuthSettings()``)."""

import secrets
from pathlib import Path

from pydantic import BaseModel, Field, SecretStr, model_validator

MIN_SECRET_LENGTH = 32


class AuthSettings(BaseModel):
    """Sessions, lockout and the institution's identity provider.

    With ``env_nested_delimiter="__"`` in the service's settings these read e.g.
    ``INTAKE_AUTH__SESSION_SECRET`` and ``INTAKE_AUTH__OIDC_ISSUER``.
    """

    session_secret: SecretStr | None = None
    # cookies are per host, not per port: on one machine each service needs its own names,
    # so empty names become adr_session_<service> and adr_login_<service>
    session_cookie: str = ""
    login_cookie: str = ""
    session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    cookie_secure: bool | None = None  # None: Secure in production only
    lockout_max_failures: int = Field(default=5, ge=1)
    lockout_minutes: int = Field(default=15, ge=1)
    home_path: str = "/"
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = None
    oidc_jwks_file: Path | None = None
    oidc_leeway_seconds: int = Field(default=30, ge=0, le=300)
    oidc_subject_claim: str = "sub"
    oidc_name_claim: str = "name"
    oidc_roles_claim: str = "roles"
    oidc_institution_claim: str = "institution"
    oidc_agency_claim: str = "agency_code"
    oidc_default_institution: str | None = None

    @model_validator(mode="after")
    def _oidc_is_complete_or_absent(self) -> "AuthSettings":
        sources = [s for s in (self.oidc_jwks_url, self.oidc_jwks_file) if s]
        if self.oidc_enabled and (not self.oidc_audience or len(sources) != 1):
            raise ValueError("OIDC needs an issuer, an audience and exactly one of jwks_url or jwks_file")
        if not self.oidc_enabled and (sources or self.oidc_audience):
            raise ValueError("OIDC key or audience settings given without an issuer")
        return self

    @property
    def oidc_enabled(self) -> bool:
        """True when bearer tokens from an identity provider are accepted."""
        return bool(self.oidc_issuer)

    def secret_for(self, env: str) -> str:
        """The signing secret; a random one per process in development, a real one required in production."""
        value = self.session_secret.get_secret_value() if self.session_secret else ""
        if env == "prod" and len(value) < MIN_SECRET_LENGTH:
            raise ValueError(f"production needs a session secret of at least {MIN_SECRET_LENGTH} characters")
        return value or secrets.token_urlsafe(32)

    def secure_cookies(self, env: str) -> bool:
        """Whether cookies carry the Secure flag."""
        return self.cookie_secure if self.cookie_secure is not None else env == "prod"
