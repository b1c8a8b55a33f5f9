"""Intake's settings (environment variables ``INTAKE_*``)."""

from pydantic_settings import SettingsConfigDict

from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """Adds the registration-number format to the shared settings."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_file=".env", env_ignore_empty=True, extra="ignore")

    # {year} and {seq} are filled in; the centre may choose its own (e.g. "伍调登〔{year}〕{seq}号")
    registration_no_format: str = "WJG-{year}-{seq:06d}"
