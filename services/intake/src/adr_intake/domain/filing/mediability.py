"""Whether the dispute may be mediated on its merits (可调解性, RULES.md §2.1, §2.3; ALL art.60).

Administrative cases are not mediated, except compensation, indemnity, the exercise of discretion
given by law or regulation (ALL art.60(1)) and administrative agreements (Agreement-Prov art.23).
Pre-litigation mediation follows the same line (§2.3): other disputes are resolved by the agency
correcting its act and the applicant withdrawing (改变后撤诉), which is no mediation on the merits.
"""

from adr_intake.domain.filing.facts import Complaint

MEDIABLE_CLAIMS = frozenset({"compensation_or_indemnity", "admin_agreement_dispute"})


def mediable_grounds(c: Complaint) -> tuple[str, ...]:
    """The grounds on which the dispute may be mediated, in Chinese (empty: not mediable)."""
    grounds: list[str] = []
    if any(claim.type == "compensation_or_indemnity" for claim in c.claims):
        grounds.append("行政赔偿、补偿（行政诉讼法第六十条第一款）")
    if c.act.type == "admin_agreement" or any(claim.type == "admin_agreement_dispute" for claim in c.claims):
        grounds.append("行政协议（最高人民法院关于审理行政协议案件若干问题的规定第二十三条）")
    if c.act.involves_discretion:
        grounds.append("行使法律、法规规定的自由裁量权（行政诉讼法第六十条第一款，由法官确认）")
    return tuple(grounds)


def is_mediable(c: Complaint) -> bool:
    """True when mediation on the merits is lawful for at least part of the dispute."""
    return bool(mediable_grounds(c))
