"""Mediation's settings (environment variables ``MEDIATION_*``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from adr_mediation.domain.risk import Thresholds
from adr_mediation.domain.subsidy import SubsidyTable
from adr_runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    """Adds the mediation period, reminders, risk thresholds and the subsidy table to the shared settings."""

    model_config = SettingsConfigDict(env_prefix="MEDIATION_", env_file=".env", env_ignore_empty=True, extra="ignore")

    # Online-Med art.24 (RULES.md §2.3): 30 days for pre-filing mediation unless the parties agree to extend
    mediation_period_days: int = Field(default=30, ge=1, le=365)
    # obligations falling due within this many days are listed as reminders by the sweep (W4)
    obligation_reminder_days: int = Field(default=3, ge=0, le=60)
    # RULES.md §7.4: the weighted score at or above which a risk is medium, and high
    risk_medium_score: int = Field(default=3, ge=1)
    risk_high_score: int = Field(default=6, ge=1)
    # RULES.md §8.4: amount per difficulty tier in fen (an example table; the district sets its own) and the
    # closing outcomes that earn a subsidy ("agreement performed" only, per §8.2)
    subsidy_tiers_fen: dict[str, int] = Field(
        default_factory=lambda: {"simple": 10000, "ordinary": 15000, "difficult": 30000, "major": 50000}
    )
    subsidy_outcomes: list[str] = Field(default_factory=lambda: ["agreement_performed"])

    def risk_thresholds(self) -> Thresholds:
        return Thresholds(medium=self.risk_medium_score, high=self.risk_high_score)

    def subsidy_table(self) -> SubsidyTable:
        return SubsidyTable(tiers_fen=dict(self.subsidy_tiers_fen), eligible_outcomes=frozenset(self.subsidy_outcomes))
