"""Hearings and agency heads in court (出庭应诉, RULES.md §4; M5).

The appearance notice is served at least 3 days before the hearing (Heads-Prov art.5). After the
hearing the court records who appeared for the agency, the rank of a head who appeared, whether they
spoke to the substantive resolution of the dispute (art.11), and any reason for absence (art.8). A
violation (art.12) proposes a judicial suggestion: nobody or only a lawyer appeared, or the head's
appearance was required and the head stayed away without an accepted reason.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from adr_court_bridge.domain.deadlines import Periods
from adr_court_bridge.domain.errors import HearingRefused


class HeadRequired(StrEnum):
    SHALL = "shall"  # 应当通知负责人出庭
    MAY = "may"  # 可以通知
    NONE = "none"  # 未通知


class Appeared(StrEnum):
    HEAD = "head"  # 负责人出庭
    STAFF = "staff"  # 仅工作人员出庭
    LAWYER_ONLY = "lawyer_only"  # 仅委托律师出庭
    NONE = "none"  # 无人出庭


class HeadRank(StrEnum):
    PRINCIPAL = "principal"  # 正职
    DEPUTY = "deputy"  # 副职
    IN_CHARGE_DEPUTY = "in_charge_deputy"  # 分管副职
    OTHER_IN_CHARGE = "other_in_charge"  # 其他参与分管的负责人


ABSENCE_REASONS = {
    "force_majeure": "不可抗力",
    "accident": "意外事件",
    "official_duty": "需要履行他人不能代替的公务",
    "other_proper": "其他正当事由",
    "none_given": "未说明理由",
}


def check_notice(periods: Periods, *, noticed_on: date, hearing_on: date) -> None:
    """Refuses a notice served later than the required days before the hearing."""
    if not periods.notice_in_time(noticed_on, hearing_on):
        raise HearingRefused(
            f"出庭通知须于开庭{periods.hearing_notice_days}日前送达：开庭日为{hearing_on.isoformat()}，"
            f"最迟应于{periods.latest_notice_day(hearing_on).isoformat()}送达"
        )


@dataclass(frozen=True)
class Appearance:
    """Who appeared for the agency at a hearing, as recorded afterwards."""

    appeared: Appeared
    head_rank: HeadRank | None = None
    spoke_to_substance: bool = False
    absence_reason_code: str | None = None
    absence_reason_accepted: bool = False

    def __post_init__(self) -> None:
        if self.appeared is Appeared.HEAD and self.head_rank is None:
            raise HearingRefused("负责人出庭的，须登记其职务类别（正职、副职等）")
        if self.appeared is not Appeared.HEAD and (self.head_rank is not None or self.spoke_to_substance):
            raise HearingRefused("负责人未出庭的，不登记负责人职务及发言情况")
        if self.absence_reason_code is not None and self.absence_reason_code not in ABSENCE_REASONS:
            raise HearingRefused(f"未出庭理由代码“{self.absence_reason_code}”无效")

    @property
    def head_appeared(self) -> bool:
        return self.appeared is Appeared.HEAD

    def violation(self, required: HeadRequired) -> bool:
        """Whether the appearance breaks the duty (Heads-Prov art.12), so a suggestion is proposed."""
        if self.appeared in (Appeared.LAWYER_ONLY, Appeared.NONE):
            return True
        return required is not HeadRequired.NONE and not self.head_appeared and not self.absence_reason_accepted
