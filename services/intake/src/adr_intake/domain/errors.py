"""Intake's domain errors; messages are for staff (Chinese) and carry no personal data."""

from uuid import UUID


class DomainError(Exception):
    """A rule of intake refused the request."""


class DisputeNotFound(DomainError):
    """No dispute has this id."""

    def __init__(self, case_id: UUID) -> None:
        super().__init__(f"未找到争议 {case_id}")
        self.case_id = case_id


class AlreadyRouted(DomainError):
    """The dispute has already been sent on; a second route would contradict the first."""

    def __init__(self, case_id: UUID, route: str) -> None:
        super().__init__(f"争议 {case_id} 已分流至“{route}”，不能再次分流")
        self.case_id = case_id


class BasisRequired(DomainError):
    """Not accepting a dispute requires the law relied on."""

    def __init__(self) -> None:
        super().__init__("不予受理必须写明法律依据（basis）")


# --- the stored filing review (issue #4, M4) ---


class FilingReviewNotFound(DomainError):
    """The dispute has no stored filing review yet."""

    def __init__(self, case_id: UUID) -> None:
        super().__init__(f"争议 {case_id} 尚未完成立案“八看”审查")
        self.case_id = case_id


class CheckDecisionMissing(DomainError):
    """Every one of the eight checks needs the reviewer's confirmation or override."""

    def __init__(self, check: str) -> None:
        super().__init__(f"审查项 {check} 缺少审查人的确认或改判（confirmations.{check}）")
        self.check = check


class OverrideReasonRequired(DomainError):
    """Overriding a computed verdict needs the reviewer's reason."""

    def __init__(self, check: str) -> None:
        super().__init__(f"审查项 {check} 改判须写明理由（confirmations.{check}.reason）")
        self.check = check


class OverrideSameVerdict(DomainError):
    """An override must change the verdict; keeping it is a confirmation."""

    def __init__(self, check: str) -> None:
        super().__init__(f"审查项 {check} 改判的结论与计算结论相同，请选择“确认”（confirmations.{check}.verdict）")
        self.check = check


class ComputedVerdictChanged(DomainError):
    """The reviewer decided on a computed verdict that no longer holds (the facts or the calendar changed)."""

    def __init__(self, check: str, seen: str, now: str) -> None:
        super().__init__(f"审查项 {check} 的计算结论已由 {seen} 变为 {now}，请重新评估后再确认")
        self.check = check


class NotAcceptedWithoutFail(DomainError):
    """Not accepting a dispute must rest on at least one check the reviewer found failed."""

    def __init__(self) -> None:
        super().__init__("不予受理须至少有一项审查结论为 fail（不符合起诉条件），请先确认或改判相应审查项")


# --- the directory, classification, lead agency, withdrawal (issue #4: O3, C2, A1) ---


class NotFound(DomainError):
    """What the request names does not exist (404)."""


class Conflict(DomainError):
    """The request contradicts what was already decided (409)."""


class UnitNotFound(NotFound):
    """No directory unit has this code."""

    def __init__(self, code: str) -> None:
        super().__init__(f"机关目录中没有代码为 {code} 的单位")
        self.code = code


class UnitAlreadyExists(Conflict):
    """A unit with this code is already in the directory."""

    def __init__(self, code: str) -> None:
        super().__init__(f"机关目录中已有代码为 {code} 的单位，请修改该单位")
        self.code = code


class UnitRetired(Conflict):
    """The unit was removed from the directory."""

    def __init__(self, code: str) -> None:
        super().__init__(f"单位 {code} 已从机关目录中移除")
        self.code = code


class LiaisonNotFound(NotFound):
    """The unit has no liaison officer with this id."""

    def __init__(self, code: str, liaison_id: UUID) -> None:
        super().__init__(f"单位 {code} 没有编号为 {liaison_id} 的联络员")
        self.code = code


class SourceRequired(DomainError):
    """A unit marked verified must say where it was checked."""

    def __init__(self) -> None:
        super().__init__("已核实的单位须注明来源（source）")


class ClassificationReasonRequired(DomainError):
    """Classifying by hand needs the reason."""

    def __init__(self) -> None:
        super().__init__("人工分类须写明理由（reason）")


class AlreadyWithdrawn(Conflict):
    """The dispute was withdrawn; nothing more is decided on it."""

    def __init__(self, case_id: UUID) -> None:
        super().__init__(f"争议 {case_id} 已撤回")
        self.case_id = case_id


class WithdrawalAfterRouting(Conflict):
    """Once routed, the dispute is withdrawn where it went (e.g. mediation ends on consent withdrawn)."""

    def __init__(self, case_id: UUID, route: str) -> None:
        super().__init__(f"争议 {case_id} 已分流至“{route}”，请在相应程序中撤回")
        self.case_id = case_id


class SingleAgency(DomainError):
    """With one agency involved it is responsible (谁主管谁负责): no lead agency is decided."""

    def __init__(self, case_id: UUID) -> None:
        super().__init__(f"争议 {case_id} 只涉及一个机关，由该机关负责，无需确定牵头机关")
        self.case_id = case_id


class AgencyNotInvolved(DomainError):
    """The lead agency must be one of the agencies involved."""

    def __init__(self, case_id: UUID, code: str) -> None:
        super().__init__(f"{code} 不是争议 {case_id} 涉及的机关（lead_agency_code）")
        self.case_id = case_id


class LeadAgencyAlreadyDecided(Conflict):
    """The lead agency was already decided."""

    def __init__(self, case_id: UUID, code: str) -> None:
        super().__init__(f"争议 {case_id} 已确定牵头机关 {code}")
        self.case_id = case_id
