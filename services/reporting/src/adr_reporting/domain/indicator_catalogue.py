"""What each indicator counts and why: numerator, denominator, source events and legal basis (RULES.md §9).

Shown beside every number, so that a figure never travels without what it counts.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    """What an indicator counts, and why (shown beside every number)."""

    numerator: str
    denominator: str
    sources: tuple[str, ...]
    basis: str


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
