"""Response bodies of reporting's API (not contracts: these may change with the pages)."""

from datetime import datetime

from pydantic import BaseModel, Field


class DisputeIndicators(BaseModel):
    """How many disputes were registered, by channel, and where they were routed."""

    total: int = Field(description="已登记争议总数")
    by_channel: dict[str, int] = Field(description="按来源渠道分列的已登记争议数")
    by_route: dict[str, int] = Field(description="按分流去向分列的已分流争议数")
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
