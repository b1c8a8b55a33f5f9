"""Reporting's settings (environment variables ``REPORTING_*``)."""

from pydantic_settings import SettingsConfigDict

from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """The shared settings under reporting's prefix."""

    model_config = SettingsConfigDict(env_prefix="REPORTING_", env_file=".env", env_ignore_empty=True, extra="ignore")
