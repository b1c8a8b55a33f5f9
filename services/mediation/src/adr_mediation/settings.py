"""Mediation's settings (environment variables ``MEDIATION_*``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """Adds the length of the mediation period to the shared settings."""

    model_config = SettingsConfigDict(env_prefix="MEDIATION_", env_file=".env", env_ignore_empty=True, extra="ignore")

    # Online-Med art.24 (RULES.md §2.3): 30 days for pre-filing mediation unless the parties agree to extend
    mediation_period_days: int = Field(default=30, ge=1, le=365)
