"""Petition and social-stability risk of a case (RULES.md §7, W5, A3): weighted factors, three levels."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from adr_mediation.domain.errors import InvalidRisk

KINDS = frozenset({"petition", "stability"})  # 信访风险、社会稳定风险

# RULES.md §7.4 (design proposal, configurable): code -> (label, weight)
FACTORS: dict[str, tuple[str, int]] = {
    "many_parties": ("当事人 10 人以上（人数众多）", 3),
    "group_petition": ("曾有集体访、越级访", 3),
    "head_must_appear": ("属于负责人应当出庭的情形（可能引发群体性事件等）", 3),
    "large_amount": ("争议金额较大", 2),
    "vulnerable_party": ("涉及低保、养老金、社会保险待遇等弱势当事人", 2),
    "expropriation": ("涉及征收拆迁", 3),
    "media_attention": ("媒体或舆论关注", 2),
    "threats": ("有过激言行或威胁", 4),
    "sensitive_date": ("临近敏感时间节点", 1),
    "repeat_party": ("同一当事人曾多次起诉或信访", 2),
}


@dataclass(frozen=True)
class Thresholds:
    """Score at or above which the level is medium, and high (configurable)."""

    medium: int = 3
    high: int = 6


def score(factor_codes: tuple[str, ...]) -> int:
    """The weighted score of the factors found (each counted once)."""
    return sum(FACTORS[code][1] for code in set(factor_codes))


def level_for(factor_codes: tuple[str, ...], thresholds: Thresholds = Thresholds()) -> str:
    """``high``, ``medium`` or ``low`` by the score (RULES.md §7.2 three levels)."""
    points = score(factor_codes)
    if points >= thresholds.high:
        return "high"
    return "medium" if points >= thresholds.medium else "low"


@dataclass(frozen=True)
class RiskAssessment:
    """One assessment: kind, factors, the level they give, the reasons written, the measures taken."""

    id: UUID
    mediation_case_id: UUID
    kind: str
    factor_codes: tuple[str, ...]
    level: str
    reasons: str
    assessed_on: date
    measures: tuple[str, ...] = ()


def assess(
    *, id: UUID, mediation_case_id: UUID, kind: str, factor_codes: tuple[str, ...], reasons: str,
    assessed_on: date, measures: tuple[str, ...] = (), thresholds: Thresholds = Thresholds(),
) -> RiskAssessment:
    """Assesses a risk; an unknown kind or factor, or no reason, is refused."""
    if kind not in KINDS:
        raise InvalidRisk("风险类型（kind）只能是 petition（信访风险）或 stability（社会稳定风险）")
    unknown = sorted(set(factor_codes) - FACTORS.keys())
    if unknown:
        raise InvalidRisk(f"未知的风险因素（factor_codes）：{'、'.join(unknown)}")
    if not reasons.strip():
        raise InvalidRisk("请写明评估理由（reasons）")
    codes = tuple(sorted(set(factor_codes)))
    return RiskAssessment(
        id=id, mediation_case_id=mediation_case_id, kind=kind, factor_codes=codes,
        level=level_for(codes, thresholds), reasons=reasons.strip(), assessed_on=assessed_on,
        measures=tuple(m.strip() for m in measures if m.strip()),
    )
