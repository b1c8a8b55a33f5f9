"""Procuratorate-bridge's settings (environment variables ``PROCURATORATE_BRIDGE_*``)."""

from pydantic_settings import SettingsConfigDict

from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """The shared settings under procuratorate-bridge's prefix."""

    model_config = SettingsConfigDict(
        env_prefix="PROCURATORATE_BRIDGE_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )
