"""The procuratorate's part in the joint analysis of major disputes (重大疑难争议研判, P1).

The centre (or the court) invites the procuratorate to analyse a major dispute; the procuratorate
names who takes part and gives its written opinion, or declines with a reason. Either ends the invitation.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from adr_procuratorate_bridge.domain.errors import Conflict, DomainError


class AnalysisStatus(StrEnum):
    INVITED = "invited"  # 已受邀
    OPINION_GIVEN = "opinion_given"  # 已出具意见
    DECLINED = "declined"  # 未参加


@dataclass
class JointAnalysis:
    """An invitation to analyse a major dispute, and the procuratorate's answer."""

    id: UUID
    case_id: UUID
    topic: str
    invited_by: str
    meeting_on: date
    status: AnalysisStatus = AnalysisStatus.INVITED
    participants: tuple[str, ...] = ()
    opinion: str = ""
    opinion_on: date | None = None
    decline_reason: str = ""

    def give_opinion(self, *, participants: tuple[str, ...], opinion: str, opinion_on: date) -> None:
        """Records who took part for the procuratorate and its written opinion."""
        self._still_open()
        names = tuple(p.strip() for p in participants if p.strip())
        if not names:
            raise DomainError("须写明参加研判的检察人员")
        if not opinion.strip():
            raise DomainError("须写明检察院的书面意见")
        if opinion_on < self.meeting_on:
            raise DomainError("出具意见日期不能早于研判日期")
        self.status = AnalysisStatus.OPINION_GIVEN
        self.participants, self.opinion, self.opinion_on = names, opinion.strip(), opinion_on

    def decline(self, reason: str) -> None:
        """Records that the procuratorate does not take part, and why."""
        self._still_open()
        if not reason.strip():
            raise DomainError("不参加研判的，须写明理由")
        self.status, self.decline_reason = AnalysisStatus.DECLINED, reason.strip()

    def _still_open(self) -> None:
        if self.status is not AnalysisStatus.INVITED:
            raise Conflict("该研判邀请已答复，不能再次答复")
