"""Where a mediation case stands: its stages and statuses, the one table of allowed moves, and the period."""

from datetime import date
from enum import StrEnum

from adr_runtime import legal_time

COURT_DELEGATION = "court_delegation"
RECONSIDERATION = "reconsideration"


class Stage(StrEnum):
    """When in the dispute's life the mediation takes place (values of the contracts' MediationStage)."""

    PRE_LITIGATION = "pre_litigation"  # 诉前（中心分流）
    RECONSIDERATION = "reconsideration"  # 复议阶段
    COURT_DELEGATED = "court_delegated"  # 法院委派
    IN_TRIAL = "in_trial"  # 诉中（法官主导）


class MediationStatus(StrEnum):
    """Where the mediation stands."""

    OPENED = "opened"  # 已受理
    IN_SESSION = "in_session"  # 调解中（已开始调解会谈）
    AGREEMENT = "agreement"  # 协议拟定、待签署
    PERFORMING = "performing"  # 协议已签署，履行中
    CLOSED = "closed"  # 履行完毕结案
    FAILED = "failed"  # 调解不成
    WITHDRAWN = "withdrawn"  # 撤回申请
    SELF_CORRECTED = "self_corrected"  # 行政机关自行纠正
    REOPENED = "reopened"  # 承诺未兑现，重新启动


S = MediationStatus

STATUS_LABEL = {
    S.OPENED: "已受理",
    S.IN_SESSION: "调解中",
    S.AGREEMENT: "协议待签署",
    S.PERFORMING: "协议履行中",
    S.CLOSED: "履行完毕结案",
    S.FAILED: "调解不成",
    S.WITHDRAWN: "撤回申请结案",
    S.SELF_CORRECTED: "自行纠正结案",
    S.REOPENED: "重新启动",
}

_WORKING = frozenset({S.AGREEMENT, S.FAILED, S.WITHDRAWN, S.SELF_CORRECTED})

# The one table of allowed moves.
TRANSITIONS: dict[MediationStatus, frozenset[MediationStatus]] = {
    S.OPENED: frozenset({S.IN_SESSION}) | _WORKING,
    S.IN_SESSION: _WORKING,
    # refusing to sign ends the mediation (Online-Med art.25); so may a withdrawal before signing
    S.AGREEMENT: frozenset({S.PERFORMING, S.FAILED, S.WITHDRAWN}),
    S.PERFORMING: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.WITHDRAWN: frozenset({S.REOPENED}),
    S.SELF_CORRECTED: frozenset({S.REOPENED}),
    S.FAILED: frozenset(),
    S.REOPENED: frozenset({S.IN_SESSION}) | _WORKING,
}

ACTIVE = frozenset({S.OPENED, S.IN_SESSION, S.AGREEMENT, S.REOPENED})  # the mediation period runs
ENDED = frozenset({S.CLOSED, S.WITHDRAWN, S.SELF_CORRECTED})  # resolved: follow-up visits are made

# A2, M3: a dispute that is not settled goes on to litigation or to reconsideration.
NEXT_ROUTES = frozenset({"filing", "reconsideration"})
OBLIGOR_KINDS = frozenset({"agency", "applicant", "third_party"})
REQUIRED_SIGNERS = frozenset({"applicant", "agency", "mediator"})  # 申请人、行政机关、调解员
FOLLOW_UP_OUTCOMES = frozenset({"settled", "concerns_remain", "promise_broken"})
WARN_DAYS = 5  # the period is shown as ending soon this many days before its end


def opens_mediation(route: str) -> bool:
    """Only a routing to mediation opens a mediation case; the other routes concern other institutions."""
    return route == "mediation"


def stage_for(reason_code: str, channel: str | None = None) -> Stage:
    """The stage from the channel the dispute came by (or the older court-delegation reason code)."""
    if channel == COURT_DELEGATION or reason_code == COURT_DELEGATION:
        return Stage.COURT_DELEGATED  # 委派, K1
    if channel == RECONSIDERATION:
        return Stage.RECONSIDERATION
    return Stage.PRE_LITIGATION


def period_end(opened_on: date, days: int) -> legal_time.PeriodEnd:
    """The last day of the mediation period (Online-Med art.24: 30 days unless the parties agree to extend).

    Counted as a legal period (RULES.md §0.3): the opening day is not counted and an end falling on a
    rest day or holiday moves to the next working day.
    """
    return legal_time.days(opened_on, days)


def period_warning(status: MediationStatus, period_ends_on: date, today: date) -> str | None:
    """``expired``, ``ending_soon`` or ``running`` while the period runs; None once the mediation has ended."""
    if status not in ACTIVE:
        return None
    left = (period_ends_on - today).days
    if left < 0:
        return "expired"
    return "ending_soon" if left <= WARN_DAYS else "running"
