"""The indicators of RULES.md §9 and issue #8, each with its definition, computed from the journal.

Every indicator is a numerator over a denominator (or a count, or an average in days), computed
for a scope: facts known on ``as_of``, whose own date falls in the period, about one agency or
all. The raw counts are always returned beside the rate, with what they count and the legal
basis (RULES.md §9: "store the raw counts, state what is counted").
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from adr_reporting.domain.journal import Entry, Kind, as_of

# court outcomes the agency loses (ALL arts.70-78): RULES.md §9, litigation loss rate
LOST_OUTCOMES = frozenset({"revoked", "confirmed_illegal", "ordered_to_act", "varied"})
# court outcomes that end the dispute by agreement or withdrawal
SETTLED_OUTCOMES = frozenset({"mediated", "withdrawn"})


@dataclass(frozen=True)
class Scope:
    """Which facts an indicator counts: known on ``as_of``, dated in [start, end], about ``agency``."""

    as_of: date | None = None
    start: date | None = None
    end: date | None = None
    agency: str | None = None

    def in_period(self, day: date | None) -> bool:
        """Whether a fact's own date falls in the period (and not after ``as_of``)."""
        if day is None:
            return False
        if self.as_of is not None and day > self.as_of:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def concerns(self, agencies: Iterable[str]) -> bool:
        """Whether a fact about these agencies is counted."""
        return self.agency is None or self.agency in set(agencies)


@dataclass(frozen=True)
class Definition:
    """What an indicator counts, and why (shown beside every number)."""

    numerator: str
    denominator: str
    sources: tuple[str, ...]
    basis: str


@dataclass(frozen=True)
class Indicator:
    """One number with its raw counts and definition; ``value`` is None when nothing can be counted."""

    code: str
    name: str
    unit: str
    numerator: float
    denominator: float | None
    value: float | None
    definition: Definition
    available: bool = True
    unavailable_reason: str | None = None
    breakdown: dict[str, float] = field(default_factory=dict)


def ratio(numerator: float, denominator: float | None) -> float | None:
    """The rate rounded to four decimals; None while the denominator is zero."""
    if not denominator:
        return None
    return round(numerator / denominator, 4)


def _rate(code: str, name: str, numerator: float, denominator: float, definition: Definition,
          breakdown: Mapping[str, float] | None = None) -> Indicator:
    return Indicator(code=code, name=name, unit="率", numerator=numerator, denominator=denominator,
                     value=ratio(numerator, denominator), definition=definition, breakdown=dict(breakdown or {}))


def _average(code: str, name: str, days: list[int], definition: Definition) -> Indicator:
    mean = round(sum(days) / len(days), 2) if days else None
    return Indicator(code=code, name=name, unit="天", numerator=sum(days), denominator=len(days), value=mean,
                     definition=definition)


class Journal:
    """The facts known on a day, indexed by dispute, with each dispute's agencies."""

    def __init__(self, entries: list[Entry], scope: Scope) -> None:
        self.scope = scope
        self.entries = as_of(entries, scope.as_of)
        self.by_case: dict[UUID, list[Entry]] = {}
        for entry in self.entries:
            if entry.case_id is not None:
                self.by_case.setdefault(entry.case_id, []).append(entry)
        self.case_agencies: dict[UUID, tuple[str, ...]] = {}
        for case_id, facts in self.by_case.items():
            registered = [f for f in facts if f.kind is Kind.REGISTERED]
            source = registered or [f for f in facts if f.agency_codes]
            self.case_agencies[case_id] = source[0].agency_codes if source else ()

    def of(self, *kinds: Kind) -> list[Entry]:
        """Facts of these kinds, about the scope's agency (through the dispute when the fact names none)."""
        return [e for e in self.entries if e.kind in kinds and self.scope.concerns(self.agencies_of(e))]

    def agencies_of(self, entry: Entry) -> tuple[str, ...]:
        """The agencies a fact concerns: its own, else its dispute's."""
        if entry.agency_codes:
            return entry.agency_codes
        return self.case_agencies.get(entry.case_id, ()) if entry.case_id else ()

    def latest_by(self, entries: list[Entry], key: Callable[[Entry], object]) -> dict[object, Entry]:
        """The latest fact per key (date order, then event id, so the choice never depends on arrival)."""
        latest: dict[object, Entry] = {}
        for entry in entries:
            latest[key(entry)] = entry
        return latest


SUBJECTS = {
    "registered": "adr.intake.dispute.registered.v1",
    "routed": "adr.intake.dispute.routed.v1",
    "opened": "adr.mediation.case.opened.v1",
    "agreed": "adr.mediation.case.agreement_reached.v1",
    "failed": "adr.mediation.case.failed.v1",
    "closed": "adr.mediation.case.closed.v1",
    "overdue": "adr.mediation.obligation.overdue.v1",
    "fulfilled": "adr.mediation.obligation.fulfilled.v1",
    "filed": "adr.court.case.filed.v1",
    "hearing": "adr.court.case.hearing_held.v1",
    "decision": "adr.court.case.decision_issued.v1",
    "appeal": "adr.court.case.appeal_settled.v1",
    "js_issued": "adr.court.suggestion.issued.v1",
    "js_replied": "adr.court.suggestion.replied.v1",
    "js_overdue": "adr.court.suggestion.overdue.v1",
    "ps_issued": "adr.procuratorate.suggestion.issued.v1",
    "ps_replied": "adr.procuratorate.suggestion.replied.v1",
    "ps_overdue": "adr.procuratorate.suggestion.overdue.v1",
    "confirmation_requested": "adr.mediation.agreement.confirmation_requested.v1",
    "confirmation_ruled": "adr.court.confirmation.ruled.v1",
    "follow_up": "adr.mediation.case.follow_up_recorded.v1",
    "plan": "adr.court.case.resolution_plan_submitted.v1",
    "p_hearing": "adr.procuratorate.hearing.held.v1",
    "assistance": "adr.procuratorate.assistance.decided.v1",
    "risk": "adr.mediation.case.risk_assessed.v1",
}


def _src(*names: str) -> tuple[str, ...]:
    return tuple(SUBJECTS[n] for n in names)


DEFINITIONS: dict[str, Definition] = {
    "disputes_registered": Definition(
        numerator="期间内登记的行政争议数（以登记日计），按来源渠道、被申请机关、行为类型分列",
        denominator="—（计数指标）",
        sources=_src("registered"),
        basis="先登后调（M3）；法治政府建设考核口径，RULES.md §9",
    ),
    "substantive_resolution_rate": Definition(
        numerator="期间内办结且实质性化解的争议数：达成和解协议、调解结案（履行完毕、撤回申请、机关自行纠正），"
        "或法院以调解、准予撤诉结案",
        denominator="期间内办结的争议数：上述化解的，加调解不成、不予受理、法院以其他方式判决或裁定的（每件争议只计一次，以最近一次办结日为准）",
        sources=_src("agreed", "closed", "failed", "routed", "decision"),
        basis="《宜昌市伍家岗区推进行政争议实质性化解工作方案（试行）》；RULES.md §9 诉前化解率",
    ),
    "mediation_success_rate": Definition(
        numerator="期间内调解结束并达成和解协议的争议数（同一争议以最近一次调解结果为准）",
        denominator="期间内调解结束的争议数（达成协议 + 调解不成）",
        sources=_src("agreed", "failed"),
        basis="《人民法院在线调解规则》第21、25条；RULES.md §9",
    ),
    "withdrawal_after_mediation_rate": Definition(
        numerator="期间内经调解后申请人撤回申请（撤诉）结案的调解案件数",
        denominator="期间内结束的调解案件数（结案 + 调解不成）",
        sources=_src("closed", "failed"),
        basis="RULES.md §9 调解撤诉率（自愿撤诉单列）",
    ),
    "head_appearance_rate": Definition(
        numerator="期间内开庭审理中行政机关负责人出庭的庭次",
        denominator="期间内该机关作为被告（含共同被告）开庭审理的庭次（按庭次、各审级合计；另列应当出庭的庭次与发表实质性化解意见的庭次）",
        sources=_src("hearing"),
        basis="《行政诉讼法》第3条第3款；《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》；RULES.md §4.3",
    ),
    "litigation_loss_rate": Definition(
        numerator="期间内判决或裁定撤销、确认违法、责令履行、变更的案件数（败诉）",
        denominator="期间内法院作出判决或裁定的案件数（审结）；撤诉、驳回起诉、驳回诉讼请求不计败诉",
        sources=_src("decision"),
        basis="《行政诉讼法》第70-78条；RULES.md §9 行政诉讼败诉率",
    ),
    "appeal_rate": Definition(
        numerator="期间内上诉期届满或提起上诉、且已提起上诉的一审判决、裁定数（另按上诉人为机关或相对人分列）",
        denominator="期间内上诉情况已确定的一审判决、裁定数",
        sources=_src("appeal", "decision"),
        basis="RULES.md §9 上诉率；判后答疑（M7）",
    ),
    "petition_rate": Definition(
        numerator="生效裁判后申请再审或涉诉信访的案件数",
        denominator="裁判已生效的案件数",
        sources=(),
        basis="RULES.md §9 申诉率/申请再审率",
    ),
    "agreement_performance_rate": Definition(
        numerator="履行期限在期间内、且按期履行的协议义务数",
        denominator="履行期限在期间内、已届满或已履行的协议义务数（按期履行 + 逾期履行 + 逾期未履行）",
        sources=_src("fulfilled", "overdue"),
        basis="和解协议的履行（W4）；履行不力发司法建议（M10）",
    ),
    "judicial_suggestion_reply_rate": Definition(
        numerator="回复期限在期间内、且按期回复的司法建议数",
        denominator="回复期限在期间内且已届满（或已回复）的司法建议数；另列平均逾期天数与逾期未回复数",
        sources=_src("js_issued", "js_replied", "js_overdue"),
        basis="《最高人民法院关于加强司法建议工作的意见》；RULES.md §5",
    ),
    "procuratorial_suggestion_reply_rate": Definition(
        numerator="回复期限在期间内、且按期回复的检察建议数",
        denominator="回复期限在期间内且已届满（或已回复）的检察建议数；另列平均逾期天数与逾期未回复数",
        sources=_src("ps_issued", "ps_replied", "ps_overdue"),
        basis="《人民检察院检察建议工作规定》（两个月内书面回复）；RULES.md §5.2",
    ),
    "days_intake": Definition(
        numerator="期间内分流的争议，自收件日至分流日的天数之和",
        denominator="期间内分流的争议数",
        sources=_src("registered", "routed"),
        basis="登记分流阶段用时（自然日）",
    ),
    "days_mediation": Definition(
        numerator="期间内调解结束的争议，自调解受理日至达成协议或调解不成之日的天数之和",
        denominator="期间内调解结束的争议数",
        sources=_src("opened", "agreed", "failed"),
        basis="《人民法院在线调解规则》第24条（调解期限）",
    ),
    "days_trial": Definition(
        numerator="期间内作出判决或裁定的案件，自立案日至裁判日的天数之和",
        denominator="期间内作出判决或裁定、且已知立案日的案件数",
        sources=_src("filed", "decision"),
        basis="《行政诉讼法》第81条（一审审限六个月）",
    ),
    "judicial_confirmation_rate": Definition(
        numerator="期间内法院裁定确认调解协议有效的件数",
        denominator="期间内法院就司法确认申请作出裁定的件数（另列期间内提出的申请数）",
        sources=_src("confirmation_requested", "confirmation_ruled"),
        basis="《民事诉讼法》第205-206条；司法确认（W3）",
    ),
    "follow_up_settled_rate": Definition(
        numerator="期间内回访确认矛盾已化解、无反复的争议数（同一争议以最近一次回访为准）",
        denominator="期间内回访的争议数（另列因承诺未兑现而重新启动的件数）",
        sources=_src("follow_up"),
        basis="化解后回访（M10）",
    ),
    "plan_on_time_rate": Definition(
        numerator="期间内被诉机关在答辩期内提交实质性化解方案的份数（以每个方案最新版本为准）",
        denominator="期间内提交的实质性化解方案份数",
        sources=_src("plan"),
        basis="《行政诉讼法》第67条（十五日答辩期）；实质性化解方案（A4、J4）",
    ),
    "procuratorial_hearings": Definition(
        numerator="期间内举行的检察听证次数，按听证结果分列",
        denominator="—（计数指标）",
        sources=_src("p_hearing"),
        basis="《人民检察院审查案件听证工作规定》；府检联动（M9）",
    ),
    "judicial_assistance_rate": Definition(
        numerator="期间内决定给予司法救助的申请数（另列救助金额，分）",
        denominator="期间内作出决定的司法救助申请数",
        sources=_src("assistance"),
        basis="《人民检察院国家司法救助工作细则》；府检联动（M9）",
    ),
    "high_risk_rate": Definition(
        numerator="期间内评估为高风险的争议数（信访风险或社会稳定风险，同一争议同类风险以最近一次评估为准）",
        denominator="期间内作出风险评估的争议数（按等级分列）",
        sources=_src("risk"),
        basis="RULES.md §7 信访风险与社会稳定风险评估；预警（M11）",
    ),
    "reconsideration_correction_rate": Definition(
        numerator="复议决定撤销、变更、确认违法或无效、责令履行的案件数",
        denominator="复议审结的案件数",
        sources=(),
        basis="《行政复议法》第63-67、71-72条；RULES.md §9 复议纠错率",
    ),
}

NAMES = {
    "disputes_registered": "登记争议数",
    "substantive_resolution_rate": "实质性化解率",
    "mediation_success_rate": "调解成功率",
    "withdrawal_after_mediation_rate": "调解后撤回（撤诉）率",
    "head_appearance_rate": "行政机关负责人出庭应诉率",
    "litigation_loss_rate": "行政诉讼败诉率",
    "appeal_rate": "上诉率",
    "petition_rate": "申诉（申请再审、涉诉信访）率",
    "agreement_performance_rate": "协议履行率",
    "judicial_suggestion_reply_rate": "司法建议按期回复率",
    "procuratorial_suggestion_reply_rate": "检察建议按期回复率",
    "days_intake": "登记分流平均用时",
    "days_mediation": "调解平均用时",
    "days_trial": "诉讼（一审）平均用时",
    "judicial_confirmation_rate": "司法确认率",
    "follow_up_settled_rate": "回访无反复率",
    "plan_on_time_rate": "实质性化解方案按期提交率",
    "procuratorial_hearings": "检察听证次数",
    "judicial_assistance_rate": "司法救助决定给予率",
    "high_risk_rate": "高风险争议占比",
    "reconsideration_correction_rate": "行政复议纠错率",
}

UNAVAILABLE = {
    "petition_rate": (
        "无数据：平台各机构尚未发布申请再审或涉诉信访的事件（法院、信访部门的数据未接入），无法计算分子与分母。"
    ),
    "reconsideration_correction_rate": (
        "无数据：平台只知道争议被引导至行政复议（分流去向），复议机关的复议决定结果没有事件发布，故无法推算纠错率。"
    ),
}


def _unavailable(code: str) -> Indicator:
    return Indicator(code=code, name=NAMES[code], unit="率", numerator=0, denominator=None, value=None,
                     definition=DEFINITIONS[code], available=False, unavailable_reason=UNAVAILABLE[code])


def disputes_registered(j: Journal) -> Indicator:
    registered = [e for e in j.of(Kind.REGISTERED) if j.scope.in_period(e.on)]
    latest = j.latest_by(registered, lambda e: e.case_id)
    breakdown: Counter[str] = Counter()
    for entry in latest.values():
        breakdown[f"channel:{entry.get('channel')}"] += 1
        breakdown[f"act_type:{entry.get('act_type')}"] += 1
        for code in entry.agency_codes:
            breakdown[f"agency:{code}"] += 1
    return Indicator(code="disputes_registered", name=NAMES["disputes_registered"], unit="件",
                     numerator=len(latest), denominator=None, value=len(latest),
                     definition=DEFINITIONS["disputes_registered"], breakdown=dict(sorted(breakdown.items())))


def _mediation_outcomes(j: Journal) -> dict[object, Entry]:
    """Each dispute's latest mediation outcome (on the same day, an agreement stands)."""
    outcomes = sorted(j.of(Kind.AGREEMENT_REACHED, Kind.MEDIATION_FAILED),
                      key=lambda e: (e.on, e.kind is Kind.AGREEMENT_REACHED, str(e.event_id)))
    return j.latest_by(outcomes, lambda e: e.case_id)


def mediation_success_rate(j: Journal) -> Indicator:
    ended = [e for e in _mediation_outcomes(j).values() if j.scope.in_period(e.on)]
    agreed = sum(1 for e in ended if e.kind is Kind.AGREEMENT_REACHED)
    return _rate("mediation_success_rate", NAMES["mediation_success_rate"], agreed, len(ended),
                 DEFINITIONS["mediation_success_rate"], {"agreed": agreed, "failed": len(ended) - agreed})


def withdrawal_after_mediation_rate(j: Journal) -> Indicator:
    ends = sorted(j.of(Kind.MEDIATION_CLOSED, Kind.MEDIATION_FAILED), key=lambda e: (e.on, str(e.event_id)))
    ended = [e for e in j.latest_by(ends, lambda e: e.case_id).values() if j.scope.in_period(e.on)]
    withdrawn = sum(1 for e in ended if e.kind is Kind.MEDIATION_CLOSED and e.get("outcome") == "withdrawn")
    return _rate("withdrawal_after_mediation_rate", NAMES["withdrawal_after_mediation_rate"], withdrawn, len(ended),
                 DEFINITIONS["withdrawal_after_mediation_rate"])


def _resolving(entry: Entry) -> bool | None:
    """True for an end that resolves the dispute, False for one that does not, None for no end."""
    match entry.kind:
        case Kind.AGREEMENT_REACHED | Kind.MEDIATION_CLOSED:
            return True
        case Kind.MEDIATION_FAILED:
            return False
        case Kind.ROUTED:
            return False if entry.get("route") == "not_accepted" else None
        case Kind.DECISION_ISSUED:
            return entry.get("outcome") in SETTLED_OUTCOMES
    return None


def substantive_resolution_rate(j: Journal) -> Indicator:
    resolved = concluded = 0
    for case_id, facts in j.by_case.items():
        if not j.scope.concerns(j.case_agencies.get(case_id, ())):
            continue
        ends = [(f.on, _resolving(f)) for f in facts if _resolving(f) is not None]
        if not ends or not j.scope.in_period(max(day for day, _ in ends)):
            continue
        concluded += 1
        resolved += any(flag for _, flag in ends)
    return _rate("substantive_resolution_rate", NAMES["substantive_resolution_rate"], resolved, concluded,
                 DEFINITIONS["substantive_resolution_rate"])


def head_appearance_rate(j: Journal) -> Indicator:
    hearings = [e for e in j.of(Kind.HEARING_HELD) if j.scope.in_period(e.on)]
    held = list(j.latest_by(hearings, lambda e: e.get("hearing_id")).values())
    appeared = sum(1 for e in held if e.get("head_appeared"))
    required = [e for e in held if e.get("head_required")]
    breakdown = {
        "hearings": len(held),
        "head_appeared": appeared,
        "head_required": len(required),
        "head_appeared_when_required": sum(1 for e in required if e.get("head_appeared")),
        "spoke_to_substance": sum(1 for e in held if e.get("head_appeared") and e.get("spoke_to_substance")),
    }
    return _rate("head_appearance_rate", NAMES["head_appearance_rate"], appeared, len(held),
                 DEFINITIONS["head_appearance_rate"], breakdown)


def _decisions(j: Journal) -> dict[object, Entry]:
    return j.latest_by(j.of(Kind.DECISION_ISSUED), lambda e: e.get("decision_id"))


def litigation_loss_rate(j: Journal) -> Indicator:
    decided = [e for e in _decisions(j).values() if j.scope.in_period(e.on)]
    lost = sum(1 for e in decided if e.get("outcome") in LOST_OUTCOMES)
    return _rate("litigation_loss_rate", NAMES["litigation_loss_rate"], lost, len(decided),
                 DEFINITIONS["litigation_loss_rate"])


def appeal_rate(j: Journal) -> Indicator:
    decisions = {str(e.get("decision_id")): e for e in j.entries if e.kind is Kind.DECISION_ISSUED}
    settled = []
    for entry in j.entries:
        if entry.kind is not Kind.APPEAL_SETTLED or not j.scope.in_period(entry.on):
            continue
        decision = decisions.get(str(entry.get("decision_id")))
        agencies = decision.agency_codes if decision else j.agencies_of(entry)
        if j.scope.concerns(agencies):
            settled.append(entry)
    latest = list(j.latest_by(settled, lambda e: e.get("decision_id")).values())
    appealed = [e for e in latest if e.get("appealed")]
    by_agency = sum(1 for e in appealed if e.get("appellant_is_agency"))
    return _rate("appeal_rate", NAMES["appeal_rate"], len(appealed), len(latest), DEFINITIONS["appeal_rate"],
                 {"appealed_by_agency": by_agency, "appealed_by_citizen": len(appealed) - by_agency})


def agreement_performance_rate(j: Journal) -> Indicator:
    obligations: dict[object, list[Entry]] = {}
    for entry in j.of(Kind.OBLIGATION_FULFILLED, Kind.OBLIGATION_OVERDUE):
        obligations.setdefault(entry.get("obligation_id"), []).append(entry)
    on_time = late = unperformed = 0
    for facts in obligations.values():
        due = date.fromisoformat(facts[0].get("due_on"))
        if not j.scope.in_period(due):
            continue
        fulfilled = [f for f in facts if f.kind is Kind.OBLIGATION_FULFILLED]
        if fulfilled and not fulfilled[0].get("late"):
            on_time += 1
        elif fulfilled:
            late += 1
        else:
            unperformed += 1
    due_count = on_time + late + unperformed
    return _rate("agreement_performance_rate", NAMES["agreement_performance_rate"], on_time, due_count,
                 DEFINITIONS["agreement_performance_rate"],
                 {"on_time": on_time, "late": late, "overdue_unperformed": unperformed})


def _suggestion_reply_rate(j: Journal, code: str, issued: Kind, replied: Kind) -> Indicator:
    today = j.scope.as_of or max((e.on for e in j.entries), default=date.min)
    replies = {str(e.get("suggestion_id")): e for e in j.entries if e.kind is replied}
    on_time = late = unanswered = 0
    delays: list[int] = []
    for entry in j.latest_by(j.of(issued), lambda e: e.get("suggestion_id")).values():
        due = date.fromisoformat(entry.get("reply_due_on"))
        reply = replies.get(str(entry.get("suggestion_id")))
        if not j.scope.in_period(due if reply is None else min(due, reply.on)):
            continue
        if reply is not None:
            delay = int(reply.get("days_late") or 0)
            delays.append(delay)
            on_time, late = on_time + (delay == 0), late + (delay > 0)
        elif due < today:
            unanswered += 1
    due_count = on_time + late + unanswered
    breakdown = {"issued_due": due_count, "replied_on_time": on_time, "replied_late": late,
                 "overdue_unanswered": unanswered,
                 "average_days_late": round(sum(delays) / len(delays), 2) if delays else 0.0}
    return _rate(code, NAMES[code], on_time, due_count, DEFINITIONS[code], breakdown)


def _days_between(start: str | date | None, end: date) -> int | None:
    if start is None:
        return None
    begin = date.fromisoformat(start) if isinstance(start, str) else start
    return (end - begin).days


def days_intake(j: Journal) -> Indicator:
    days = []
    for entry in j.latest_by(j.of(Kind.ROUTED), lambda e: e.case_id).values():
        if j.scope.in_period(entry.on):
            span = _days_between(entry.get("first_received_on"), entry.on)
            if span is not None:
                days.append(span)
    return _average("days_intake", NAMES["days_intake"], days, DEFINITIONS["days_intake"])


def days_mediation(j: Journal) -> Indicator:
    opened = {e.case_id: e.on for e in sorted(j.of(Kind.MEDIATION_OPENED), key=lambda e: e.on, reverse=True)}
    days = [
        (e.on - opened[e.case_id]).days
        for e in _mediation_outcomes(j).values()
        if j.scope.in_period(e.on) and e.case_id in opened
    ]
    return _average("days_mediation", NAMES["days_mediation"], days, DEFINITIONS["days_mediation"])


def days_trial(j: Journal) -> Indicator:
    filed = {e.case_id: e.on for e in sorted(j.of(Kind.CASE_FILED), key=lambda e: e.on, reverse=True)}
    days = [
        (e.on - filed[e.case_id]).days
        for e in _decisions(j).values()
        if j.scope.in_period(e.on) and e.case_id in filed
    ]
    return _average("days_trial", NAMES["days_trial"], days, DEFINITIONS["days_trial"])


def judicial_confirmation_rate(j: Journal) -> Indicator:
    rulings = [e for e in j.latest_by(j.of(Kind.CONFIRMATION_RULED), lambda e: e.get("agreement_id")).values()
               if j.scope.in_period(e.on)]
    confirmed = sum(1 for e in rulings if e.get("outcome") == "confirmed")
    requested = sum(1 for e in j.of(Kind.CONFIRMATION_REQUESTED) if j.scope.in_period(e.on))
    return _rate("judicial_confirmation_rate", NAMES["judicial_confirmation_rate"], confirmed, len(rulings),
                 DEFINITIONS["judicial_confirmation_rate"],
                 {"requested": requested, "rejected": len(rulings) - confirmed})


def follow_up_settled_rate(j: Journal) -> Indicator:
    visits = [e for e in j.latest_by(j.of(Kind.FOLLOW_UP), lambda e: e.case_id).values() if j.scope.in_period(e.on)]
    settled = sum(1 for e in visits if e.get("outcome") == "settled")
    reopened = sum(1 for e in visits if e.get("reopened"))
    return _rate("follow_up_settled_rate", NAMES["follow_up_settled_rate"], settled, len(visits),
                 DEFINITIONS["follow_up_settled_rate"], {"reopened": reopened})


def plan_on_time_rate(j: Journal) -> Indicator:
    ordered = sorted(j.of(Kind.PLAN_SUBMITTED), key=lambda e: (int(e.get("version") or 1), e.on))
    plans = [e for e in j.latest_by(ordered, lambda e: e.get("plan_id")).values() if j.scope.in_period(e.on)]
    on_time = sum(1 for e in plans if e.get("on_time"))
    return _rate("plan_on_time_rate", NAMES["plan_on_time_rate"], on_time, len(plans),
                 DEFINITIONS["plan_on_time_rate"])


def procuratorial_hearings(j: Journal) -> Indicator:
    held = [e for e in j.latest_by(j.of(Kind.PROCURATORIAL_HEARING_HELD), lambda e: e.get("hearing_id")).values()
            if j.scope.in_period(e.on)]
    by_outcome = Counter(f"outcome:{e.get('outcome_code')}" for e in held)
    return Indicator(code="procuratorial_hearings", name=NAMES["procuratorial_hearings"], unit="次",
                     numerator=len(held), denominator=None, value=len(held),
                     definition=DEFINITIONS["procuratorial_hearings"], breakdown=dict(sorted(by_outcome.items())))


def judicial_assistance_rate(j: Journal) -> Indicator:
    decided = [e for e in j.latest_by(j.of(Kind.ASSISTANCE_DECIDED), lambda e: e.get("application_id")).values()
               if j.scope.in_period(e.on)]
    granted = [e for e in decided if e.get("granted")]
    amount = sum(int(e.get("amount_fen") or 0) for e in granted)
    return _rate("judicial_assistance_rate", NAMES["judicial_assistance_rate"], len(granted), len(decided),
                 DEFINITIONS["judicial_assistance_rate"], {"amount_fen": amount})


def high_risk_rate(j: Journal) -> Indicator:
    ordered = sorted(j.of(Kind.RISK_ASSESSED), key=lambda e: (e.on, str(e.event_id)))
    latest = [e for e in j.latest_by(ordered, lambda e: (e.case_id, e.get("kind"))).values()
              if j.scope.in_period(e.on)]
    levels: dict[object, set[str]] = {}
    for entry in latest:
        levels.setdefault(entry.case_id, set()).add(str(entry.get("level")))
    high = sum(1 for found in levels.values() if "high" in found)
    breakdown = Counter(f"level:{e.get('level')}" for e in latest)
    return _rate("high_risk_rate", NAMES["high_risk_rate"], high, len(levels), DEFINITIONS["high_risk_rate"],
                 dict(sorted(breakdown.items())))


CALCULATORS: dict[str, Callable[[Journal], Indicator]] = {
    "disputes_registered": disputes_registered,
    "substantive_resolution_rate": substantive_resolution_rate,
    "mediation_success_rate": mediation_success_rate,
    "withdrawal_after_mediation_rate": withdrawal_after_mediation_rate,
    "head_appearance_rate": head_appearance_rate,
    "litigation_loss_rate": litigation_loss_rate,
    "appeal_rate": appeal_rate,
    "petition_rate": lambda _j: _unavailable("petition_rate"),
    "agreement_performance_rate": agreement_performance_rate,
    "judicial_suggestion_reply_rate": lambda j: _suggestion_reply_rate(
        j, "judicial_suggestion_reply_rate", Kind.JUDICIAL_SUGGESTION_ISSUED, Kind.JUDICIAL_SUGGESTION_REPLIED
    ),
    "procuratorial_suggestion_reply_rate": lambda j: _suggestion_reply_rate(
        j, "procuratorial_suggestion_reply_rate", Kind.PROCURATORIAL_SUGGESTION_ISSUED,
        Kind.PROCURATORIAL_SUGGESTION_REPLIED,
    ),
    "days_intake": days_intake,
    "days_mediation": days_mediation,
    "days_trial": days_trial,
    "judicial_confirmation_rate": judicial_confirmation_rate,
    "follow_up_settled_rate": follow_up_settled_rate,
    "plan_on_time_rate": plan_on_time_rate,
    "procuratorial_hearings": procuratorial_hearings,
    "judicial_assistance_rate": judicial_assistance_rate,
    "high_risk_rate": high_risk_rate,
    "reconsideration_correction_rate": lambda _j: _unavailable("reconsideration_correction_rate"),
}


def compute(entries: list[Entry], scope: Scope, codes: Iterable[str] | None = None) -> list[Indicator]:
    """The indicators named (all of them when none is named) for the scope."""
    journal = Journal(entries, scope)
    return [CALCULATORS[code](journal) for code in (codes or CALCULATORS)]


def agencies_in(entries: list[Entry], day: date | None = None) -> list[str]:
    """Every agency the facts known on ``day`` name, sorted."""
    return sorted({code for e in as_of(entries, day) for code in e.agency_codes})


def cases_by_stage(entries: list[Entry], day: date | None = None) -> dict[str, int]:
    """Where each registered dispute stands on ``day`` (its furthest stage reached)."""
    stages: dict[UUID, str] = {}
    order = {
        Kind.REGISTERED: (0, "registered"), Kind.ROUTED: (1, "routed"), Kind.MEDIATION_OPENED: (2, "mediation"),
        Kind.CASE_FILED: (3, "litigation"), Kind.AGREEMENT_REACHED: (4, "resolved"),
        Kind.MEDIATION_CLOSED: (4, "resolved"), Kind.DECISION_ISSUED: (4, "decided"),
        Kind.WITHDRAWN: (4, "withdrawn"),
    }
    rank: dict[UUID, int] = {}
    for entry in as_of(entries, day):
        if entry.case_id is None or entry.kind not in order:
            continue
        level, name = order[entry.kind]
        if entry.kind is Kind.ROUTED and entry.get("route") == "not_accepted":
            level, name = 4, "not_accepted"
        if level >= rank.get(entry.case_id, -1):
            rank[entry.case_id], stages[entry.case_id] = level, name
    return dict(Counter(stages.values()))


def monthly_counts(entries: list[Entry], kind: Kind, months: list[str], agency: str | None = None) -> list[int]:
    """How many facts of a kind fall in each month ``YYYY-MM`` (one per dispute or event)."""
    counts: Counter[str] = Counter()
    for entry in entries:
        if entry.kind is kind and (agency is None or agency in entry.agency_codes):
            counts[entry.on.strftime("%Y-%m")] += 1
    return [counts.get(month, 0) for month in months]
