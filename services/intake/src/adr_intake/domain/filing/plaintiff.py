"""Check 3 — plaintiff standing (原告资格, RULES.md §1.3; ALL art.25; ALL-Interp arts.12–18, 29)."""

from adr_intake.domain.filing.facts import Plaintiff
from adr_intake.domain.filing.outcome import Check, CheckResult, Finding, Situation, Verdict, conclude

# Not the addressee: the ground of the interest claimed. ALL-Interp art.12 lists the interest cases.
RELATIONS: dict[str, tuple[str, str]] = {
    "adjacent_rights": ("被诉行为涉及其相邻权", "行诉法解释第十二条第一项"),
    "fair_competition": ("被诉行为涉及其公平竞争权", "行诉法解释第十二条第一项"),
    "procedure_third_party": ("在行政复议等行政程序中被追加为第三人", "行诉法解释第十二条第二项"),
    "pursue_wrongdoer": ("要求行政机关依法追究加害人法律责任", "行诉法解释第十二条第三项"),
    "affected_by_change": ("撤销或者变更行政行为涉及其合法权益", "行诉法解释第十二条第四项"),
    "complainant": ("为维护自身合法权益投诉，机关作出或者未作出处理", "行诉法解释第十二条第五项"),
    "other_interest": ("其他利害关系", "行诉法解释第十二条第六项"),
    "owners": ("业主委员会或者专有部分占多数的业主", "行诉法解释第十八条"),
    "shareholders": ("股东会、股东大会或者董事会以企业名义起诉", "行诉法解释第十六条"),
    "creditor": ("债权人", "行诉法解释第十三条"),
}
# Standing passed on from a plaintiff who died or ended (ALL art.25(2)(3); ALL-Interp art.14).
SUCCESSIONS: dict[str, str] = {"close_relative": "近亲属", "successor": "承受其权利的法人或者其他组织"}

_ART25 = "行政诉讼法第二十五条"


def check_plaintiff(s: Situation) -> CheckResult:
    """The addressee may sue; others need an interest a person must weigh; gaps are corrected."""
    plaintiffs = s.complaint.plaintiffs
    if not plaintiffs:
        return CheckResult(
            Check.PLAINTIFF, Verdict.CORRECTABLE, "行政诉讼法第四十九条第一项", "未列明原告，请一次性告知补正。"
        )
    findings = [f for number, p in enumerate(plaintiffs, start=1) for f in _standing(number, p)]
    findings.extend(_succession(plaintiffs))
    if len(plaintiffs) >= s.rules.group_size:
        findings.append(
            Finding(
                Verdict.REVIEW,
                "行诉法解释第二十九条",
                f"原告{len(plaintiffs)}人，属人数众多，可推选诉讼代表人；请评估群体性风险。",
            )
        )
    passed = Finding(Verdict.PASS, f"{_ART25}第一款", "原告系行政行为的相对人，具有原告资格。")
    return conclude(Check.PLAINTIFF, findings, passed=passed)


def _standing(number: int, plaintiff: Plaintiff) -> list[Finding]:
    relation = plaintiff.relation_to_act
    if plaintiff.is_addressee or relation in SUCCESSIONS:
        return []
    which = f"第{number}名原告"
    if relation == "creditor":
        return [
            Finding(
                Verdict.REVIEW,
                "行诉法解释第十三条",
                f"{which}以债权受损为由起诉，一般应告知其提起民事诉讼；行政机关作出行为时依法应予保护或者考虑的除外，需人工判断。",
            )
        ]
    if relation in RELATIONS:
        label, basis = RELATIONS[relation]
        return [
            Finding(
                Verdict.REVIEW,
                f"{_ART25}第一款；{basis}",
                f"{which}非相对人，主张“{label}”，需人工判断是否具有利害关系。",
            )
        ]
    return [
        Finding(
            Verdict.REVIEW,
            f"{_ART25}第一款",
            f"{which}非行政行为的相对人，也未说明利害关系，需人工判断其原告资格（必要时告知补正）。",
        )
    ]


def _succession(plaintiffs: tuple[Plaintiff, ...]) -> list[Finding]:
    ended = any(p.deceased_or_terminated for p in plaintiffs)
    successor = any(p.relation_to_act in SUCCESSIONS for p in plaintiffs)
    if not ended or successor:
        return []
    return [
        Finding(
            Verdict.CORRECTABLE,
            f"{_ART25}第二款、第三款；行诉法解释第十四条",
            "原告已死亡或者终止，应由其近亲属或者承受其权利的法人、其他组织起诉，请告知补正。",
        )
    ]
