"""Response bodies of the indicator catalogue (issue #8): every number with its definition."""

from datetime import date, datetime

from pydantic import BaseModel, Field


class DefinitionOut(BaseModel):
    """What an indicator counts, and on what basis."""

    numerator: str = Field(description="分子")
    denominator: str = Field(description="分母")
    sources: list[str] = Field(description="来源事件（契约主题）")
    basis: str = Field(description="依据")


class IndicatorOut(BaseModel):
    """One indicator: the value, its raw counts, and its definition beside it."""

    code: str
    name: str = Field(description="指标名称")
    unit: str = Field(description="率、件或天")
    value: float | None = Field(description="指标值；率为 0-1 的小数；无法计算时为 null")
    numerator: float = Field(description="分子（原始计数）")
    denominator: float | None = Field(description="分母（原始计数）；计数指标为 null")
    available: bool = Field(description="数据是否足以计算")
    unavailable_reason: str | None = Field(default=None, description="无数据时的原因")
    breakdown: dict[str, float] = Field(default_factory=dict, description="分项原始计数")
    definition: DefinitionOut


class ScopeOut(BaseModel):
    """The scope the numbers were computed for."""

    as_of: date | None = Field(description="截至日期（含）；为空表示截至目前")
    start: date | None = Field(description="期间起日")
    end: date | None = Field(description="期间止日")
    agency: str | None = Field(description="机关代码；为空表示全区")


class IndicatorSet(BaseModel):
    """Indicators computed for one scope."""

    scope: ScopeOut
    computed_at: datetime
    indicators: list[IndicatorOut]


class AgencyRow(BaseModel):
    """One agency's indicators (per-agency comparison)."""

    agency_code: str
    agency_name: str | None
    indicators: dict[str, IndicatorOut]


class AgencyComparison(BaseModel):
    scope: ScopeOut
    agencies: list[AgencyRow]


class Trend(BaseModel):
    """Monthly counts (dashboards: trends)."""

    months: list[str]
    series: dict[str, list[int]] = Field(
        description="每月件数：registered 登记、agreed 达成协议、filed 法院立案、warnings 预警"
    )
    definition: str


class Stages(BaseModel):
    """Where the disputes stand (dashboards: cases by stage)."""

    as_of: date | None
    by_stage: dict[str, int]
    labels: dict[str, str]
    definition: str


class Positions(BaseModel):
    """How far each projection has read each stream."""

    positions: dict[str, dict[str, int]]
    journal_size: int
