"""Procuratorate-bridge's settings (environment variables ``PROCURATORATE_BRIDGE_*``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from adr_procuratorate_bridge.domain.suggestions import ReplyRules
from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """The shared settings under procuratorate-bridge's prefix, and the procuratorate's own."""

    model_config = SettingsConfigDict(
        env_prefix="PROCURATORATE_BRIDGE_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )

    procuratorate_name: str = Field(default="宜昌市伍家岗区人民检察院", description="Issuer shown on documents")
    suggestion_no_format: str = Field(
        default="宜伍检行建〔{year}〕{seq}号", description="Number of an issued suggestion ({year}, {seq})"
    )
    suggestion_reply_months: int = Field(default=2, ge=1, description="Reply period (RULES.md §5.2: two months)")
    suggestion_urgent_reply_days: int = Field(default=15, ge=1, description="Reply period where urgent (§5.2)")

    def reply_rules(self) -> ReplyRules:
        """The reply deadline rules as configured."""
        return ReplyRules(months=self.suggestion_reply_months, urgent_days=self.suggestion_urgent_reply_days)
