"""Official calendar rows: reading them and checking a year's notice before it is loaded.

A year's notice (国务院办公厅关于…年部分节假日安排的通知) becomes one row per date that differs
from the normal week (shared data README §2): a `holiday` row is a Monday–Friday rest day, a
`workday` row a Saturday or Sunday worked (调休上班). Weekend days inside a holiday span are not rows.
Problems are reported per row, in Chinese, for the administrator who loads the notice.
"""

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DayKind(StrEnum):
    """How an official row differs from the normal week."""

    HOLIDAY = "holiday"  # 法定节假日（周一至周五）
    WORKDAY = "workday"  # 调休上班（周六、周日）


@dataclass(frozen=True)
class CalendarRow:
    """One official date: a weekday holiday or a weekend make-up workday."""

    day: date
    kind: DayKind
    name_zh: str
    source: str


@dataclass(frozen=True)
class RowProblem:
    """One problem of one row (``line`` counts data rows from 1; 0 is the whole input)."""

    line: int
    field: str
    message: str


class CalendarDataError(ValueError):
    """Official rows that cannot be loaded; ``problems`` lists every one."""

    def __init__(self, problems: tuple[RowProblem, ...]) -> None:
        summary = "；".join(f"第{p.line}行 {p.field}：{p.message}" for p in problems[:5])
        more = f"（共{len(problems)}处）" if len(problems) > 5 else ""
        super().__init__(f"节假日数据有误：{summary}{more}")
        self.problems = problems


def validate_year_rows(rows: Iterable[CalendarRow]) -> int:
    """Checks one year's official rows and returns the year.

    The rows must all fall in one year, have no duplicate dates, and agree with the week:
    a `holiday` row is Monday–Friday, a `workday` row Saturday or Sunday.

    Raises:
        CalendarDataError: listing every problem.
    """
    rows = tuple(rows)
    if not rows:
        raise CalendarDataError((RowProblem(0, "date", "没有任何日期行"),))
    year = rows[0].day.year
    problems = [
        RowProblem(line, "date", f"日期不在 {year} 年内（一次只导入一年的通知）")
        for line, row in enumerate(rows, start=1)
        if row.day.year != year
    ]
    problems += rows_problems(rows)
    if problems:
        raise CalendarDataError(tuple(problems))
    return year


def rows_problems(rows: tuple[CalendarRow, ...]) -> list[RowProblem]:
    """Duplicate dates and rows that contradict the week (any number of years)."""
    problems: list[RowProblem] = []
    first_line: dict[date, int] = {}
    for line, row in enumerate(rows, start=1):
        if row.day in first_line:
            problems.append(RowProblem(line, "date", f"日期重复（与第{first_line[row.day]}行相同）"))
        first_line.setdefault(row.day, line)
        weekend = row.day.weekday() >= 5
        if row.kind is DayKind.HOLIDAY and weekend:
            problems.append(RowProblem(line, "kind", "holiday 行应为周一至周五（周末本为休息日，不列出）"))
        if row.kind is DayKind.WORKDAY and not weekend:
            problems.append(RowProblem(line, "kind", "workday 行应为周六或周日（调休上班日）"))
    return problems


def parse_rows(records: Iterable[Mapping[str, str]]) -> tuple[CalendarRow, ...]:
    """Official rows from raw records (``date``, ``kind``, ``name_zh``, ``source_url`` or ``source``).

    Raises:
        CalendarDataError: listing every unreadable row.
    """
    rows: list[CalendarRow] = []
    problems: list[RowProblem] = []
    for line, record in enumerate(records, start=1):
        row, row_problems = _parse_record(line, record)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise CalendarDataError(tuple(problems))
    return tuple(rows)


def _parse_record(line: int, record: Mapping[str, str]) -> tuple[CalendarRow | None, list[RowProblem]]:
    problems: list[RowProblem] = []
    try:
        day: date | None = date.fromisoformat((record.get("date") or "").strip())
    except ValueError:
        day = None
        problems.append(RowProblem(line, "date", "日期格式应为 YYYY-MM-DD"))
    kind = (record.get("kind") or "").strip()
    if kind not in {k.value for k in DayKind}:
        problems.append(RowProblem(line, "kind", "类型应为 holiday（放假）或 workday（调休上班）"))
    name = (record.get("name_zh") or "").strip()
    if not name:
        problems.append(RowProblem(line, "name_zh", "缺少节日名称"))
    source = (record.get("source_url") or record.get("source") or "").strip()
    if not source:
        problems.append(RowProblem(line, "source_url", "缺少来源（国务院办公厅通知的网址或文号）"))
    if problems or day is None:
        return None, problems
    return CalendarRow(day=day, kind=DayKind(kind), name_zh=name, source=source), []


def parse_csv(text: str) -> tuple[CalendarRow, ...]:
    """Official rows from CSV text with a header row (the packaged file's columns)."""
    return parse_rows(csv.DictReader(io.StringIO(text)))
