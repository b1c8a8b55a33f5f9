"""Court-bridge's settings (environment variables ``COURT_BRIDGE_*``)."""

from pydantic_settings import SettingsConfigDict

from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """The shared settings under court-bridge's prefix."""

    model_config = SettingsConfigDict(
        env_prefix="COURT_BRIDGE_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )
