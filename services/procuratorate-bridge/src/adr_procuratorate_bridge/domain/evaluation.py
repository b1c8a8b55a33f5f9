"""Quality evaluation of law-enforcement cases (执法案件质量评查, P5).

An evaluation task samples an agency's enforcement cases of a period; each sampled case gets a
finding (qualified, flawed, unqualified, with the problems seen). The task is closed once every
sampled case has its finding; suggestions drafted from it are linked to it.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from adr_procuratorate_bridge.domain.errors import Conflict, DomainError


class Rating(StrEnum):
    QUALIFIED = "qualified"  # 合格
    FLAWED = "flawed"  # 有瑕疵
    UNQUALIFIED = "unqualified"  # 不合格


@dataclass(frozen=True)
class Finding:
    case_ref: str
    rating: Rating
    problems: str = ""


@dataclass
class EvaluationTask:
    """An evaluation of a sample of one agency's enforcement cases over a period."""

    id: UUID
    agency_code: str
    period_from: date
    period_to: date
    case_refs: tuple[str, ...]
    title: str = ""
    findings: dict[str, Finding] = field(default_factory=dict)
    closed_on: date | None = None

    @classmethod
    def open(
        cls, *, id: UUID, agency_code: str, period_from: date, period_to: date, case_refs: tuple[str, ...], title: str
    ) -> "EvaluationTask":
        """A new task; the sample must be non-empty, without repeats, over a real period."""
        refs = tuple(r.strip() for r in case_refs if r.strip())
        if not refs:
            raise DomainError("评查任务须列明抽取的执法案件")
        if len(set(refs)) != len(refs):
            raise DomainError("抽取的执法案件有重复")
        if period_to < period_from:
            raise DomainError("评查期间的结束日不能早于开始日")
        return cls(id=id, agency_code=agency_code, period_from=period_from, period_to=period_to, case_refs=refs,
                   title=title.strip())

    def record_finding(self, finding: Finding) -> None:
        """Records (or corrects, while the task is open) the finding on one sampled case."""
        if self.closed_on is not None:
            raise Conflict("评查任务已结束，不能再修改评查结论")
        if finding.case_ref not in self.case_refs:
            raise DomainError(f"案件 {finding.case_ref} 不在本次评查抽取的案件中")
        if finding.rating is not Rating.QUALIFIED and not finding.problems.strip():
            raise DomainError("评为有瑕疵或不合格的，须写明发现的问题")
        self.findings[finding.case_ref] = finding

    def close(self, closed_on: date) -> None:
        """Ends the task once every sampled case has its finding."""
        if self.closed_on is not None:
            raise Conflict("评查任务已结束")
        missing = [r for r in self.case_refs if r not in self.findings]
        if missing:
            raise DomainError(f"尚有 {len(missing)} 件抽取案件未作评查结论：{'、'.join(missing[:5])}")
        self.closed_on = closed_on

    def problems(self) -> list[Finding]:
        """The findings that are not qualified, in sample order."""
        found = [self.findings[r] for r in self.case_refs if r in self.findings]
        return [f for f in found if f.rating is not Rating.QUALIFIED]

    def counts(self) -> dict[str, int]:
        """How many sampled cases got each rating."""
        return {rating.value: sum(f.rating is rating for f in self.findings.values()) for rating in Rating}
