"""Case subsidies for mediators (以案定补, RULES.md §8, R4): one per case, to the mediator who mediated,
by a configurable table, and only from recorded facts (the case closed with its agreement performed)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from adr_mediation.domain.errors import NoSubsidyFacts
from adr_mediation.domain.events import SubsidyLine

DIFFICULTIES = {"simple": "简易", "ordinary": "一般", "difficult": "疑难复杂", "major": "重大"}


@dataclass(frozen=True)
class SubsidyTable:
    """Amount per difficulty tier, in fen, and the closing outcomes that earn a subsidy."""

    tiers_fen: Mapping[str, int]
    eligible_outcomes: frozenset[str] = frozenset({"agreement_performed"})


@dataclass(frozen=True)
class CaseFact:
    """What the records say of one closed case."""

    mediation_case_id: UUID
    lead_mediator_id: UUID | None
    closed_on: date | None
    outcome: str | None
    difficulty: str
    already_paid: bool


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def lines_for(period: str, facts: Iterable[CaseFact], table: SubsidyTable) -> tuple[SubsidyLine, ...]:
    """One line per eligible case closed in the period; refused when no fact justifies any."""
    lines = []
    for fact in facts:
        if fact.already_paid or fact.lead_mediator_id is None or fact.closed_on is None:
            continue
        if period_of(fact.closed_on) != period or fact.outcome not in table.eligible_outcomes:
            continue
        amount = table.tiers_fen.get(fact.difficulty)
        if not amount:
            continue
        lines.append(SubsidyLine(
            mediator_id=fact.lead_mediator_id, mediation_case_id=fact.mediation_case_id,
            basis_code=f"{fact.outcome}.{fact.difficulty}", amount_fen=amount,
        ))
    if not lines:
        raise NoSubsidyFacts(f"{period} 没有可据以补贴的结案记录（须调解成功并履行完毕、且已指定主办调解员）")
    return tuple(sorted(lines, key=lambda line: (str(line.mediator_id), str(line.mediation_case_id))))
