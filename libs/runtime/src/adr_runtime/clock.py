"""Time as the district counts it: instants in UTC, legal dates in China Standard Time."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")


def utc_now() -> datetime:
    """Now, as an aware UTC instant."""
    return datetime.now(UTC)


def local_date(instant: datetime) -> date:
    """The district's calendar date of an aware instant (01:00 CST is that day, not the UTC day before)."""
    return instant.astimezone(DISTRICT_TZ).date()
