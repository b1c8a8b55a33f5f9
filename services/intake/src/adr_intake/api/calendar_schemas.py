"""Bodies of ``/api/v1/holiday-calendar``: a year's official notice as rows, and the years covered."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

_STRICT = ConfigDict(extra="forbid")


class HolidayRowIn(BaseModel):
    """通知中的一个日期：周一至周五放假（holiday），或周六、周日调休上班（workday）。周末放假不列出。

    各字段原样接收，由节假日数据校验逐行检查并以中文报告问题。
    """

    model_config = _STRICT

    date: str = Field(max_length=20, description="日期，YYYY-MM-DD", examples=["2027-01-01"])
    kind: str = Field(max_length=20, description="holiday 放假（周一至周五）；workday 调休上班（周六、周日）")
    name_zh: str = Field(default="", max_length=60, description="节日名称", examples=["元旦"])
    source_url: str | None = Field(default=None, max_length=500, description="来源；缺省为整份通知的 source_url")


EXAMPLE: dict[str, Any] = {
    "source_url": "https://www.gov.cn/zhengce/content/（2027年通知）",
    "rows": [
        {"date": "2027-01-01", "kind": "holiday", "name_zh": "元旦"},
        {"date": "2027-02-06", "kind": "workday", "name_zh": "春节"},
    ],
}


class HolidayYearRequest(BaseModel):
    """一年的国务院办公厅节假日安排通知（替换该年已载入的数据）。"""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    source_url: str = Field(min_length=1, max_length=500, description="国务院办公厅通知的网址或文号")
    rows: list[HolidayRowIn] = Field(max_length=366, description="通知列出的日期（每个日期一行）")

    def records(self) -> tuple[dict[str, str], ...]:
        """The rows as raw records, each with its source."""
        return tuple(
            {"date": r.date, "kind": r.kind, "name_zh": r.name_zh, "source_url": r.source_url or self.source_url}
            for r in self.rows
        )


class HolidayYearView(BaseModel):
    """一个已覆盖的年份：随版本发布（packaged）或由管理员载入（loaded）。"""

    year: int
    origin: Literal["packaged", "loaded"]
    days: int = Field(description="通知列出的日期数")
    source_url: str
    loaded_by: str | None = None
    loaded_at: datetime | None = None
    replaces_packaged: bool = Field(default=False, description="载入的数据替换了随版本发布的该年数据")


class HolidayCalendarView(BaseModel):
    """节假日安排已覆盖的年份；其他年份的期限仅按周末推算，标为暂定。"""

    years: list[HolidayYearView]
    covered_years: list[int]
