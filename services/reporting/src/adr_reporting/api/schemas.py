"""Response bodies of reporting's API (not contracts: these may change with the pages)."""

from datetime import datetime

from pydantic import BaseModel, Field


class DisputeIndicators(BaseModel):
    """How many disputes were registered, by channel, and where they were routed."""

    total: int = Field(description="已登记争议总数")
    by_channel: dict[str, int] = Field(description="按来源渠道分列的已登记争议数")
    by_route: dict[str, int] = Field(description="按分流去向分列的已分流争议数")
    major: int = Field(default=0, description="重大复杂争议数")
    group: int = Field(default=0, description="群体性争议数")
    sensitive: int = Field(default=0, description="敏感争议数")
    lead_agency_decided: int = Field(default=0, description="已由司法局与法院确定牵头机关的争议数")
    withdrawn: int = Field(default=0, description="已撤回的争议数")
    as_of: datetime = Field(description="统计时间（UTC）")
    definition: str = Field(description="统计口径")


class DirectoryIndicators(BaseModel):
    """The agency directory (O3): units, and those still without a designated liaison officer."""

    units: int = Field(description="目录中的单位数（不含已移除的）")
    units_without_liaison: int = Field(description="尚未指定联络员的单位数")
    by_kind: dict[str, int] = Field(description="按单位类型分列")
    as_of: datetime = Field(description="统计时间（UTC）")
    definition: str = Field(description="统计口径")


class MediationIndicators(BaseModel):
    """How mediation went: opened, still in progress, agreed, failed, and the success rate."""

    opened: int = Field(description="已开始调解的争议数（含已结束的）")
    in_progress: int = Field(description="仍在调解中的争议数")
    agreed: int = Field(description="达成和解协议的争议数")
    failed: int = Field(description="调解不成的争议数")
    success_rate: float | None = Field(description="调解成功率 = agreed ÷ (agreed + failed)；尚无结案时为 null")
    as_of: datetime = Field(description="统计时间（UTC）")
    definition: str = Field(description="统计口径")
