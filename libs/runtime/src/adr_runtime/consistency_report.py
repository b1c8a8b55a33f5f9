"""The consistency check's report: each broken rule as a Disagreement, the services that could not be read,
and how many checks each rule made (see adr_runtime.consistency)."""

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any


class Unreadable(RuntimeError):
    """A service did not answer a read the check needs."""


@dataclass(frozen=True)
class Disagreement:
    """One broken rule: which, about which dispute (None for a total), and what each side said."""

    rule: str
    case_id: str | None
    detail: str


@dataclass
class Report:
    """The outcome of one check."""

    disputes: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    checked: Counter[str] = field(default_factory=Counter)

    @property
    def consistent(self) -> bool:
        """True when every service was read and every rule held."""
        return not self.disagreements and not self.unreadable

    def add(self, rule: str, case_id: str | None, detail: str) -> None:
        """Records a broken rule."""
        self.disagreements.append(Disagreement(rule, case_id, detail))

    def summary(self) -> str:
        """A few lines for a person (or a failing test)."""
        head = (
            f"{self.disputes} disputes checked, {sum(self.checked.values())} rule checks, "
            f"{len(self.disagreements)} disagreements"
        )
        lines = [head, *(f"unreadable: {u}" for u in self.unreadable)]
        lines += [f"{d.rule} {d.case_id or '(totals)'}: {d.detail}" for d in self.disagreements[:50]]
        if len(self.disagreements) > 50:
            lines.append(f"… and {len(self.disagreements) - 50} more")
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        """The report as plain JSON."""
        return {
            "consistent": self.consistent,
            "disputes": self.disputes,
            "checked": dict(self.checked),
            "disagreements": [asdict(d) for d in self.disagreements],
            "unreadable": self.unreadable,
        }
