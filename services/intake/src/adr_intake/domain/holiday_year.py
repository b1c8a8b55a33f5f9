"""A year's official holiday schedule loaded by an administrator (国务院办公厅节假日安排, RULES.md §0.3).

Until a year is loaded, deadlines in it are counted on weekends alone and marked provisional; loading
the notice makes them exact without a release. The rows are checked here before anything is stored.
"""

from collections.abc import Iterable, Mapping

from adr_runtime.legal_time import CalendarDataError, CalendarRow, RowProblem, parse_rows, validate_year_rows

FIRST_YEAR, LAST_YEAR = 2000, 2100


def official_year(year: int, records: Iterable[Mapping[str, str]]) -> tuple[CalendarRow, ...]:
    """The rows of ``year``'s notice, each checked (format, one year, no duplicates, agreeing with the week).

    Raises:
        CalendarDataError: listing every problem, per row, in Chinese.
    """
    rows = parse_rows(records)
    outside = tuple(
        RowProblem(line, "date", f"日期不在 {year} 年内（本次导入的是 {year} 年的通知）")
        for line, row in enumerate(rows, start=1)
        if row.day.year != year
    )
    if outside:
        raise CalendarDataError(outside)
    validate_year_rows(rows)
    return rows
