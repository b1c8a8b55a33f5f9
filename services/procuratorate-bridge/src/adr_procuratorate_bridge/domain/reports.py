"""Annual and thematic analyses of the procuratorate's supervision work (府检联动, M9).

Drafted from the service's own records: suggestions by agency and by topic with reply and adoption
rates, hearings, judicial assistance, quality evaluations and the facts shared with the procuratorate.
Problems are noticed as general (the same topic at several agencies), emerging (a topic not seen in the
previous period) or trending (a topic at least half again as frequent as in the previous period).
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SuggestionFact:
    """What an analysis needs of one issued suggestion."""

    agency_code: str
    topic_code: str
    kind: str
    issued_on: date
    replied: bool
    adopted: bool
    overdue: bool  # noticed overdue, or replied late


@dataclass(frozen=True)
class AgencyLine:
    agency_code: str
    issued: int
    replied: int
    adopted: int
    overdue: int

    @property
    def reply_rate(self) -> float:
        return self.replied / self.issued if self.issued else 0.0

    @property
    def adoption_rate(self) -> float:
        return self.adopted / self.replied if self.replied else 0.0


@dataclass(frozen=True)
class ProblemNotice:
    """A problem worth telling the government about."""

    kind: str  # general | emerging | trending
    topic_code: str
    count: int
    previous: int
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        length = self.end - self.start
        end = date.fromordinal(self.start.toordinal() - 1)
        return Period(date.fromordinal(end.toordinal() - length.days), end)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Analysis:
    """The figures and notices of one analysis; documents are rendered from it."""

    title: str
    period: Period
    theme: str | None
    by_agency: tuple[AgencyLine, ...]
    by_topic: tuple[tuple[str, int], ...]
    by_kind: tuple[tuple[str, int], ...]
    notices: tuple[ProblemNotice, ...]
    hearings_by_outcome: tuple[tuple[str, int], ...]
    assistance: tuple[int, int, int]  # granted, refused, amount granted (fen)
    evaluation_ratings: tuple[tuple[str, int], ...]
    shared_by_kind: tuple[tuple[str, int], ...]

    @property
    def issued(self) -> int:
        return sum(line.issued for line in self.by_agency)

    @property
    def replied(self) -> int:
        return sum(line.replied for line in self.by_agency)

    @property
    def adopted(self) -> int:
        return sum(line.adopted for line in self.by_agency)

    @property
    def overdue(self) -> int:
        return sum(line.overdue for line in self.by_agency)


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def notices(current: list[SuggestionFact], previous: list[SuggestionFact]) -> tuple[ProblemNotice, ...]:
    """General, emerging and trending problems among the topics of the current period."""
    now, before = Counter(f.topic_code for f in current), Counter(f.topic_code for f in previous)
    found: list[ProblemNotice] = []
    for topic, count in _ranked(now):
        agencies = tuple(sorted({f.agency_code for f in current if f.topic_code == topic}))
        was = before.get(topic, 0)
        if len(agencies) >= 2:
            found.append(ProblemNotice("general", topic, count, was, agencies))
        if was == 0:
            found.append(ProblemNotice("emerging", topic, count, was, agencies))
        elif count >= 2 and count * 2 >= was * 3:
            found.append(ProblemNotice("trending", topic, count, was, agencies))
    return tuple(found)


def _by_agency(current: list[SuggestionFact]) -> tuple[AgencyLine, ...]:
    """One line per agency, the most suggestions first."""
    agencies = sorted({f.agency_code for f in current})
    lines = tuple(
        AgencyLine(
            agency_code=code,
            issued=sum(f.agency_code == code for f in current),
            replied=sum(f.agency_code == code and f.replied for f in current),
            adopted=sum(f.agency_code == code and f.adopted for f in current),
            overdue=sum(f.agency_code == code and f.overdue for f in current),
        )
        for code in agencies
    )
    return tuple(sorted(lines, key=lambda line: (-line.issued, line.agency_code)))


def analyse(
    *,
    title: str,
    period: Period,
    suggestions: list[SuggestionFact],
    theme: str | None = None,
    hearing_outcomes: Sequence[str] = (),
    assistance: Sequence[tuple[bool, int | None]] = (),
    evaluation_ratings: Sequence[str] = (),
    shared_kinds: Sequence[str] = (),
) -> Analysis:
    """The analysis of a period; ``suggestions`` may include earlier ones (for the previous period's comparison)."""
    current = [f for f in suggestions if f.issued_on in period]
    previous = [f for f in suggestions if f.issued_on in period.previous()]
    return Analysis(
        title=title,
        period=period,
        theme=theme,
        by_agency=_by_agency(current),
        by_topic=_ranked(Counter(f.topic_code for f in current)),
        by_kind=_ranked(Counter(f.kind for f in current)),
        notices=notices(current, previous),
        hearings_by_outcome=_ranked(Counter(hearing_outcomes)),
        assistance=(
            sum(granted for granted, _ in assistance),
            sum(not granted for granted, _ in assistance),
            sum(amount or 0 for granted, amount in assistance if granted),
        ),
        evaluation_ratings=_ranked(Counter(evaluation_ratings)),
        shared_by_kind=_ranked(Counter(shared_kinds)),
    )
