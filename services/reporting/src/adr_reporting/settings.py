"""Reporting's settings (environment variables ``REPORTING_*``)."""

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from adr_reporting.domain.warnings import WarningRules
from adr_runtime.settings import ServiceSettings

DEFAULT_WEIGHTS = {
    "head_appearance_rate": 30.0,
    "litigation_loss_rate": 20.0,
    "judicial_suggestion_reply_rate": 15.0,
    "procuratorial_suggestion_reply_rate": 15.0,
    "agreement_performance_rate": 10.0,
    "mediation_success_rate": 10.0,
}


class Settings(ServiceSettings):
    """The shared settings under reporting's prefix, and reporting's own."""

    model_config = SettingsConfigDict(env_prefix="REPORTING_", env_file=".env", env_ignore_empty=True, extra="ignore")

    warning_window_days: int = Field(default=90, ge=1, description="Window of the repeated-dispute patterns (days)")
    warning_agency_threshold: int = Field(default=5, ge=2, description="Disputes against one agency in the window")
    warning_act_type_threshold: int = Field(default=5, ge=2, description="Disputes about one act type in the window")
    # REPORTING_SCORECARD_WEIGHTS='{"head_appearance_rate": 40, ...}' (M10); a weight of 0 drops the item
    scorecard_weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    @field_validator("scorecard_weights")
    @classmethod
    def _known_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        from adr_reporting.domain.rates import CALCULATORS

        unknown = sorted(set(weights) - set(CALCULATORS))
        if unknown or any(w < 0 for w in weights.values()):
            raise ValueError(f"scorecard weights: unknown indicators {unknown} or a negative weight")
        return weights

    def warning_rules(self) -> WarningRules:
        """The early-warning thresholds (M11, K3)."""
        return WarningRules(
            window_days=self.warning_window_days,
            agency_threshold=self.warning_agency_threshold,
            act_type_threshold=self.warning_act_type_threshold,
        )
