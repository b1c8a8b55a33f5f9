"""Court-bridge's settings (environment variables ``COURT_BRIDGE_*``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from adr_court_bridge.domain.case_numbers import CaseNumbering
from adr_court_bridge.domain.deadlines import Periods
from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """The shared settings under court-bridge's prefix, plus the court's numbering and periods."""

    model_config = SettingsConfigDict(
        env_prefix="COURT_BRIDGE_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )

    court_code: str = Field(default="鄂0503", description="法院代字 (RULES.md §3.2; to be checked locally)")
    court_name: str = Field(default="宜昌市伍家岗区人民法院")
    filing_type_code: str = Field(default="行初")
    pre_litigation_type_code: str = Field(default="行诉前调", description="诉前调解类型代字（本地，待核实）")
    confirmation_type_code: str = Field(default="诉前调确")
    enforcement_review_type_code: str = Field(default="行审")
    extra_type_codes: list[str] = Field(default_factory=list)
    suggestion_prefix: str = Field(default="伍法建", description="司法建议书文号前缀：<前缀>〔年〕n号")
    suggestion_reply_months: int = Field(default=2, ge=1, le=12, description="司法建议回复期限（月），一般不超过两个月")
    defence_days: int = Field(default=15, ge=1)
    hearing_notice_days: int = Field(default=3, ge=1)

    def numbering(self) -> CaseNumbering:
        """The court's numbering, validated (an invalid court or type code stops the service at start)."""
        return CaseNumbering(
            court_code=self.court_code,
            filing_type=self.filing_type_code,
            pre_litigation_type=self.pre_litigation_type_code,
            confirmation_type=self.confirmation_type_code,
            enforcement_review_type=self.enforcement_review_type_code,
            extra_type_codes=frozenset(self.extra_type_codes),
        )

    def periods(self) -> Periods:
        """The configurable periods (statutory ones are fixed in the domain)."""
        return Periods(
            defence_days=self.defence_days,
            hearing_notice_days=self.hearing_notice_days,
            suggestion_reply_months=self.suggestion_reply_months,
        )
