"""Check 2 — scope of cases accepted (受案范围, RULES.md §1.2; ALL arts.12–13; ALL-Interp art.1)."""

from dataclasses import dataclass
from enum import StrEnum

from adr_intake.domain.filing.outcome import Check, CheckResult, Situation, Verdict


class Scope(StrEnum):
    """Where an act type stands."""

    INCLUDED = "included"
    EXCLUDED = "excluded"


@dataclass(frozen=True)
class ActType:
    """One act-type code: its Chinese label, whether courts accept it, and the article."""

    label: str
    scope: Scope
    basis: str


_ART12 = "行政诉讼法第十二条第一款"
_ART13 = "行政诉讼法第十三条"
_INTERP1 = "行诉法解释第一条第二款"


def _in(label: str, item: str) -> ActType:
    return ActType(label, Scope.INCLUDED, f"{_ART12}第{item}项")


def _out13(label: str, item: str) -> ActType:
    return ActType(label, Scope.EXCLUDED, f"{_ART13}第{item}项")


def _out1(label: str, item: str) -> ActType:
    return ActType(label, Scope.EXCLUDED, f"{_INTERP1}第{item}项")


ACT_TYPES: dict[str, ActType] = {
    "penalty": _in("行政处罚", "一"),
    "compulsory_measure": _in("行政强制措施", "二"),
    "compulsory_enforcement": _in("行政强制执行", "二"),
    "licensing": _in("行政许可", "三"),
    "natural_resource_rights": _in("自然资源所有权或者使用权的决定", "四"),
    "expropriation": _in("征收、征用决定及其补偿决定", "五"),
    "failure_to_protect": _in("不履行保护人身权、财产权等法定职责", "六"),
    "business_autonomy": _in("侵犯经营自主权或者农村土地承包经营权、农村土地经营权", "七"),
    "abuse_against_competition": _in("滥用行政权力排除或者限制竞争", "八"),
    "illegal_levy": _in("违法集资、摊派费用或者违法要求履行其他义务", "九"),
    "benefits": _in("未依法支付抚恤金、最低生活保障待遇或者社会保险待遇", "十"),
    "admin_agreement": _in("行政协议", "十一"),
    "other_infringement": _in("其他侵犯人身权、财产权等合法权益的行为", "十二"),
    "information_disclosure_refusal": ActType(
        "政府信息公开申请不予公开", Scope.INCLUDED, "政府信息公开条例第五十一条；行政诉讼法第十二条第二款"
    ),
    "tax_payment": ActType("纳税争议", Scope.INCLUDED, "税收征收管理法第八十八条；行政诉讼法第十二条第二款"),
    "act_of_state": _out13("国防、外交等国家行为", "一"),
    "normative_act": _out13("行政法规、规章或者具有普遍约束力的决定、命令", "二"),
    "personnel_decision": _out13("对行政机关工作人员的奖惩、任免等决定", "三"),
    "final_by_law": _out13("法律规定由行政机关最终裁决的行为", "四"),
    "criminal_procedure": _out1("公安、国家安全等机关依照刑事诉讼法明确授权实施的行为", "一"),
    "mediation_or_arbitration": _out1("调解行为以及法律规定的仲裁行为", "二"),
    "admin_guidance": _out1("行政指导行为", "三"),
    "repeated_handling": _out1("驳回当事人对行政行为提起申诉的重复处理行为", "四"),
    "no_external_effect": _out1("行政机关作出的不产生外部法律效力的行为", "五"),
    "process_act": _out1("过程性行为", "六"),
    "court_judgment_execution": _out1("协助执行人民法院生效裁判的行为", "七"),
    "internal_supervision": _out1("上级机关对下级机关的层级监督", "八"),
    "petition_handling": _out1("信访事项的登记、受理、交办、转送、复查、复核意见等行为", "九"),
    "no_actual_effect": _out1("对公民、法人或者其他组织权利义务不产生实际影响的行为", "十"),
}

_NOTES = {
    "petition_handling": "可引导其通过信访复查、复核程序处理（信访工作条例第三十五条、第三十六条）。",
    "court_judgment_execution": "但行政机关扩大执行范围或者采取违法方式实施的除外，请核实。",
}


def label_of(act_type: str) -> str:
    """The Chinese label of an act-type code (the code itself when unknown)."""
    known = ACT_TYPES.get(act_type)
    return known.label if known else act_type


def check_scope(s: Situation) -> CheckResult:
    """Included acts pass; excluded acts fail; an act type the table does not know needs a person."""
    act = s.complaint.act
    known = ACT_TYPES.get(act.type)
    if known is None:
        what = "（不履行法定职责）" if act.is_failure_to_act else ""
        return CheckResult(
            Check.SCOPE,
            Verdict.REVIEW,
            f"{_ART12}；{_ART13}",
            f"行为类型“{act.type}”{what}未在受案范围对照表中，需人工判断是否属于行政诉讼受案范围。",
        )
    if known.scope is Scope.EXCLUDED:
        note = _NOTES.get(act.type, "")
        return CheckResult(
            Check.SCOPE,
            Verdict.FAIL,
            known.basis,
            f"“{known.label}”不属于行政诉讼受案范围，存在不予立案（已立案的驳回起诉）的风险。{note}",
        )
    return CheckResult(Check.SCOPE, Verdict.PASS, known.basis, f"“{known.label}”属于行政诉讼受案范围。")
