"""The settings every service shares; each service subclasses with its own env prefix."""

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from adr_runtime.auth.settings import AuthSettings

if TYPE_CHECKING:
    from adr_runtime.signing import Signer, Verifier

VAR_DIR = Path("var")


class ServiceSettings(BaseSettings):
    """Read once, in the entry point, and passed down (never at import time).

    A service declares ``model_config = SettingsConfigDict(env_prefix="INTAKE_", ...)`` so that
    its variables read ``INTAKE_DATABASE_URL``, ``INTAKE_NATS_URL`` and so on; nested settings use
    ``__`` (``INTAKE_AUTH__SESSION_SECRET``, ``INTAKE_AUTH__OIDC_ISSUER``).
    """

    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore", env_nested_delimiter="__")

    env: Literal["dev", "test", "prod"] = "dev"
    database_url: str = ""
    nats_url: str = "nats://127.0.0.1:4222"
    nats_user: str | None = None
    nats_password: SecretStr | None = None
    # the operator's NATS user for the dead-letter desk and `repair` (the service's own user may not do that)
    ops_nats_user: str | None = None
    ops_nats_password: SecretStr | None = None
    http_host: str = "127.0.0.1"
    http_port: int | None = None
    js_replicas: int = 1
    relay_batch: int = 200
    relay_idle_seconds: float = 0.2
    # PubAcks the relay keeps outstanding (1 = wait for each before sending the next)
    relay_window: int = Field(default=64, ge=1, le=4000)
    # how often the relay measures the age of its oldest unpublished event (the lag metric)
    relay_lag_seconds: float = Field(default=5.0, gt=0)
    publish_timeout_seconds: float = 5.0
    max_deliver: int = 5
    # published outbox rows are kept this long so that `adr-<svc> repair` can republish what a broker lost
    outbox_retention_days: int = Field(default=30, ge=1)
    retry_delays_seconds: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0)
    log_level: str = "INFO"
    log_json: bool = True
    otel_service_name: str | None = None
    auth: AuthSettings = AuthSettings()
    # Where the shell's links to the other institutions point; one variable for the whole platform:
    # ADR_PEER_URLS='{"mediation": "https://tiaojie.example.gov.cn/"}'. Unnamed services keep 127.0.0.1:800x.
    peer_urls: dict[str, str] = Field(default_factory=dict, validation_alias=AliasChoices("ADR_PEER_URLS", "peer_urls"))
    # Signed events (issue #10): this service's Ed25519 key "<key id>:<base64 seed>" (<PREFIX>SIGNING_KEY),
    # the public keys every service trusts (one platform variable ADR_TRUSTED_KEYS, JSON
    # {"<key id>": {"service": "intake", "public_key": "<base64>"}}), and whether unsigned events are refused.
    # Unset in dev/test: the published development keys of adr_runtime.signing. Production requires all three.
    signing_key: SecretStr | None = None
    trusted_keys: dict[str, dict[str, str]] = Field(
        default_factory=dict, validation_alias=AliasChoices("ADR_TRUSTED_KEYS", "trusted_keys")
    )
    require_signatures: bool = False
    # Recurring jobs the worker runs (adr_runtime.schedules): on or off, and per-job intervals in seconds,
    # e.g. MEDIATION_SCHEDULE_SECONDS='{"obligations": 600}'
    schedules_enabled: bool = True
    schedule_seconds: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _refuse_placeholders_in_prod(self) -> "ServiceSettings":
        secret = self.nats_password.get_secret_value() if self.nats_password else ""
        if self.env == "prod" and (secret == "changethis" or self.database_url.startswith("sqlite")):
            raise ValueError("production needs real secrets and PostgreSQL, not the embedded defaults")
        if self.env == "prod" and not (self.signing_key and self.trusted_keys and self.require_signatures):
            raise ValueError("production needs SIGNING_KEY, ADR_TRUSTED_KEYS and REQUIRE_SIGNATURES=true")
        signing = self.signing_key.get_secret_value() if self.signing_key else ""
        if self.env == "prod" and (signing.startswith("dev-") or any(k.startswith("dev-") for k in self.trusted_keys)):
            raise ValueError("production refuses the published development signing keys (key ids dev-…)")
        return self

    def nats_options(self, service: str) -> dict[str, Any]:
        """How this service connects to NATS: its own user (when set) and its own inbox prefix.

        The prefix lets the server's generated permissions (adr_runtime.nats_permissions) allow replies
        to this service alone instead of the shared ``_INBOX.>``.
        """
        from adr_runtime.nats_permissions import inbox_prefix

        options: dict[str, Any] = {"inbox_prefix": inbox_prefix(service).encode()}
        if self.nats_user:
            options["user"] = self.nats_user
            options["password"] = self.nats_password.get_secret_value() if self.nats_password else ""
        return options

    def ops_nats_options(self, service: str) -> dict[str, Any]:
        """How operator work connects: as the operator user when one is set, else as the service itself."""
        from adr_runtime.nats_permissions import OPERATOR, inbox_prefix

        if not self.ops_nats_user:
            return self.nats_options(service)
        password = self.ops_nats_password.get_secret_value() if self.ops_nats_password else ""
        return {"inbox_prefix": inbox_prefix(OPERATOR).encode(), "user": self.ops_nats_user, "password": password}

    def signer(self, service: str) -> "Signer":
        """The signer of this service's events (the development key unless one is configured)."""
        from adr_runtime.signing import Signer, development_secret

        if self.signing_key is not None:
            return Signer.from_secret(self.signing_key.get_secret_value())
        return Signer.from_secret(development_secret(service))  # type: ignore[arg-type]

    def verifier(self) -> "Verifier":
        """The check of incoming events' signatures (the development keys unless some are configured)."""
        from adr_runtime.signing import Verifier, development_trusted_keys

        return Verifier.from_config(self.trusted_keys or development_trusted_keys(), required=self.require_signatures)

    def resolved_database_url(self, service: str) -> str:
        """The configured URL, or the embedded default SQLite file under ``var/``.

        Args:
            service: the service name, used for the default file name.
        """
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{VAR_DIR / (service.replace('-', '_') + '.db')}"
