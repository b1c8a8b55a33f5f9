"""Court records exchanged with the court's own systems in batches (K2): checked row by row.

Every record maps to the platform's ``case_id``. A batch is accepted whole or not at all: each bad
row is reported with its row number, the field and a message in Chinese, and nothing is imported.
Row numbers count data rows from 1 (for CSV, the header is row 0).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from adr_court_bridge.domain.case_numbers import CaseNumbering
from adr_court_bridge.domain.errors import DomainError

FIELDS = ("case_id", "court_case_no", "filed_on", "first_received_on", "agency_codes", "after_mediation")
TRUE, FALSE = {"true", "1", "是", "yes"}, {"false", "0", "否", "no", ""}


@dataclass(frozen=True)
class CourtRecord:
    case_id: UUID
    court_case_no: str
    filed_on: date
    first_received_on: date
    agency_codes: tuple[str, ...]
    after_mediation: bool


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    message: str


class BatchRejected(DomainError):
    """At least one row is bad; nothing was imported."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(f"批量导入未执行：{len(problems)}处错误，请逐行更正后重新导入（未导入任何记录）")
        self.problems = problems


def _text(raw: Mapping[str, object], name: str) -> str:
    value = raw.get(name)
    return "" if value is None else str(value).strip()


_Report = Callable[[str, str], None]
"""Notes one problem with a row: the field it concerns and a message in Chinese."""


def _case_id(raw: Mapping[str, object], problem: _Report) -> UUID | None:
    """The platform's case id, or None (with a problem) when it is missing or malformed."""
    try:
        return UUID(_text(raw, "case_id"))
    except ValueError:
        problem("case_id", "案件标识（case_id）缺失或格式错误")
        return None


def _court_case_no(raw: Mapping[str, object], numbering: CaseNumbering, problem: _Report) -> str:
    """The court's case number in its canonical form; the text as given if it does not parse."""
    number = _text(raw, "court_case_no")
    try:
        number = numbering.parse(number).text
    except DomainError as exc:
        problem("court_case_no", str(exc))
    return number


def _dates(raw: Mapping[str, object], problem: _Report) -> dict[str, date]:
    """The filing and receipt dates that parse; receipt may not come after filing."""
    dates: dict[str, date] = {}
    for name, label in (("filed_on", "立案日期"), ("first_received_on", "收件日期")):
        try:
            dates[name] = date.fromisoformat(_text(raw, name))
        except ValueError:
            problem(name, f"{label}缺失或格式错误（应为YYYY-MM-DD）")
    if len(dates) == 2 and dates["first_received_on"] > dates["filed_on"]:
        problem("first_received_on", "收件日期不能晚于立案日期")
    return dates


def _agency_codes(raw: Mapping[str, object], problem: _Report) -> tuple[str, ...]:
    """The agencies sued, from a list or from text separated by semicolons; at least one is required."""
    codes_raw = raw.get("agency_codes")
    codes = (
        [str(c).strip() for c in codes_raw]
        if isinstance(codes_raw, list)
        else [c.strip() for c in _text(raw, "agency_codes").replace("；", ";").split(";")]
    )
    codes = [c for c in codes if c]
    if not codes:
        problem("agency_codes", "被诉机关代码不能为空（多个以分号分隔）")
    return tuple(codes)


def _after_mediation(raw: Mapping[str, object], problem: _Report) -> bool:
    """Whether the case was filed after mediation failed, from a boolean or from true/false or 是/否."""
    flag = raw.get("after_mediation")
    after = flag if isinstance(flag, bool) else _text(raw, "after_mediation").lower()
    if not isinstance(after, bool) and after not in TRUE | FALSE:
        problem("after_mediation", "是否调解不成转立案应填 true/false 或 是/否")
    return after if isinstance(after, bool) else after in TRUE


def parse_row(index: int, raw: Mapping[str, object], numbering: CaseNumbering) -> CourtRecord | list[RowProblem]:
    """One row as a record, or the problems found in it."""
    problems: list[RowProblem] = []

    def problem(name: str, message: str) -> None:
        problems.append(RowProblem(index, name, message))

    case_id = _case_id(raw, problem)
    number = _court_case_no(raw, numbering, problem)
    dates = _dates(raw, problem)
    codes = _agency_codes(raw, problem)
    after = _after_mediation(raw, problem)
    if problems or case_id is None:
        return problems
    return CourtRecord(
        case_id=case_id,
        court_case_no=number,
        filed_on=dates["filed_on"],
        first_received_on=dates["first_received_on"],
        agency_codes=codes,
        after_mediation=after,
    )


def check_batch(rows: Iterable[Mapping[str, object]], numbering: CaseNumbering) -> list[CourtRecord]:
    """Every row as a record, or BatchRejected listing every problem (duplicates within the batch too)."""
    records: list[CourtRecord] = []
    problems: list[RowProblem] = []
    seen_ids: dict[UUID, int] = {}
    seen_numbers: dict[str, int] = {}
    for index, raw in enumerate(rows, start=1):
        parsed = parse_row(index, raw, numbering)
        if isinstance(parsed, list):
            problems.extend(parsed)
            continue
        if parsed.case_id in seen_ids:
            problems.append(RowProblem(index, "case_id", f"与第{seen_ids[parsed.case_id]}行的案件标识重复"))
        if parsed.court_case_no in seen_numbers:
            problems.append(RowProblem(index, "court_case_no", f"与第{seen_numbers[parsed.court_case_no]}行的案号重复"))
        seen_ids.setdefault(parsed.case_id, index)
        seen_numbers.setdefault(parsed.court_case_no, index)
        records.append(parsed)
    if not records and not problems:
        problems.append(RowProblem(0, "body", "导入文件中没有记录"))
    if problems:
        raise BatchRejected(problems)
    return records
