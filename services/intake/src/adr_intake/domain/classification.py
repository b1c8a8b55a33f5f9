"""Classifying disputes as major/complex, group or sensitive (C2), by the district's rules or by hand.

The rules are configured (settings), not fixed by law, except the anchor of the group threshold:
ten or more plaintiffs are "many" (人数众多, ALL-Interp art.29; RULES.md §1.3, §7.4).
"""

from dataclasses import dataclass, field

from adr_intake.domain.errors import ClassificationReasonRequired

APPLICANTS_AT_THRESHOLD = "applicants_at_threshold"
AMOUNT_AT_THRESHOLD = "amount_at_threshold"
SENSITIVE_ACT_TYPE = "sensitive_act_type"
MANUAL = "manual"


@dataclass(frozen=True)
class ClassificationRules:
    """The district's thresholds: group size, the amount that makes a dispute major, sensitive act types."""

    group_threshold: int = 10
    major_amount_yuan: int = 1_000_000
    sensitive_act_types: frozenset[str] = field(default_factory=lambda: frozenset({"expropriation"}))


@dataclass(frozen=True)
class Classification:
    """The flags of a dispute with why they were raised (codes; a hand classification adds its note)."""

    major: bool = False
    group: bool = False
    sensitive: bool = False
    reason_codes: tuple[str, ...] = ()
    manual: bool = False
    note: str | None = None

    @property
    def flagged(self) -> bool:
        """True when any flag is raised."""
        return self.major or self.group or self.sensitive


def classify(
    *, applicant_count: int, amount_yuan: int | None, act_type: str, rules: ClassificationRules
) -> Classification:
    """The flags the rules raise for a dispute's facts."""
    reasons: list[str] = []
    group = applicant_count >= rules.group_threshold
    if group:
        reasons.append(APPLICANTS_AT_THRESHOLD)
    major = amount_yuan is not None and amount_yuan >= rules.major_amount_yuan
    if major:
        reasons.append(AMOUNT_AT_THRESHOLD)
    sensitive = act_type in rules.sensitive_act_types
    if sensitive:
        reasons.append(SENSITIVE_ACT_TYPE)
    return Classification(major=major, group=group, sensitive=sensitive, reason_codes=tuple(reasons))


def by_hand(*, major: bool, group: bool, sensitive: bool, note: str) -> Classification:
    """A classification decided by a person, who must say why (the note stays with intake)."""
    if not note.strip():
        raise ClassificationReasonRequired()
    return Classification(
        major=major, group=group, sensitive=sensitive, reason_codes=(MANUAL,), manual=True, note=note.strip()
    )
