"""Intake's settings (environment variables ``INTAKE_*``)."""

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from adr_intake.domain.classification import ClassificationRules
from adr_intake.portal.settings import PortalSettings
from adr_intake.store.pii import Keyring, keyring_from
from adr_runtime.notifications import NotificationSettings
from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """Adds the registration-number format, the classification rules and the personal-data keys."""

    # hide_input_in_errors: a refused key must not be echoed in the error
    model_config = SettingsConfigDict(
        env_prefix="INTAKE_", env_file=".env", env_ignore_empty=True, extra="ignore", hide_input_in_errors=True
    )

    # {year} and {seq} are filled in; the centre may choose its own (e.g. "伍调登〔{year}〕{seq}号")
    registration_no_format: str = "WJG-{year}-{seq:06d}"

    # Personal data at rest (AES-256-GCM): "<key id>:<base64 of 32 bytes>". Rotating: the new key here,
    # the old one(s) in pii_previous_keys ("<id>:<key>,<id>:<key>") until no value sealed under them remains.
    # Unset, a published development key is used, and only when env == "dev".
    pii_key: SecretStr | None = None
    pii_previous_keys: SecretStr | None = None

    # Classification (C2): ten or more applicants make a group dispute (ALL-Interp art.29, RULES.md §1.3);
    # the amount that makes a dispute major and the sensitive act types are the district's choice.
    group_threshold: int = Field(default=10, ge=2)
    major_amount_yuan: int = Field(default=1_000_000, ge=1)
    sensitive_act_types: tuple[str, ...] = ("expropriation",)

    # Notices (issue #12): SMTP, the SMS provider, retries (INTAKE_NOTIFICATIONS__SMTP_HOST, ...__SMS_PROVIDER)
    notifications: NotificationSettings = NotificationSettings()
    # The applicant portal (issue #12): upload and access-attempt limits (INTAKE_PORTAL__MAX_UPLOAD_BYTES, ...)
    portal: PortalSettings = PortalSettings()

    @model_validator(mode="after")
    def _pii_keys_fit_the_environment(self) -> "Settings":
        keyring = self.keyring()
        if self.pii_key is None and self.env != "dev":
            raise ValueError("INTAKE_PII_KEY is required outside development (env != dev)")
        if self.env == "prod" and keyring.is_dev:
            raise ValueError("the published development key may not protect personal data in production")
        return self

    def keyring(self) -> Keyring:
        """The keys that seal and open personal data (the development key when none is set)."""
        return keyring_from(
            self.pii_key.get_secret_value() if self.pii_key else None,
            self.pii_previous_keys.get_secret_value() if self.pii_previous_keys else None,
        )

    def classification_rules(self) -> ClassificationRules:
        """The district's classification thresholds."""
        return ClassificationRules(
            group_threshold=self.group_threshold,
            major_amount_yuan=self.major_amount_yuan,
            sensitive_act_types=frozenset(self.sensitive_act_types),
        )
