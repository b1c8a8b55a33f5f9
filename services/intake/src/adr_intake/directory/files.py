"""Reading an uploaded directory table: CSV (UTF-8, or GB18030 as Chinese Excel saves it) or XLSX."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from adr_intake.directory.xlsx import UnreadableWorkbook, read_first_sheet

MAX_FILE_BYTES = 5_000_000
PACKAGED_DIRECTORY = Path(__file__).resolve().parent.parent / "data" / "wujiagang_directory.csv"
"""The district's directory as collected on 2026-11-28 (rows with verified=no still to be checked)."""

_ZIP_MAGIC = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """The upload is not a table this service reads (message in Chinese, for staff)."""


@dataclass(frozen=True)
class Table:
    """A header and the data rows, each with its row number as a spreadsheet shows it."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def read_table(content: bytes) -> Table:
    """The table in an uploaded file; XLSX is recognised by its content, anything else is read as CSV."""
    if not content.strip():
        raise UnreadableFile("文件为空")
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableFile(f"文件超过 {MAX_FILE_BYTES // 1_000_000} MB")
    if content.startswith(_ZIP_MAGIC):
        try:
            rows = read_first_sheet(content)
        except UnreadableWorkbook as exc:
            raise UnreadableFile(str(exc)) from None
    else:
        rows = _csv_rows(_decode(content))
    if not rows:
        raise UnreadableFile("文件中没有表头")
    (_, header), *data = rows
    return Table(header=header, rows=data)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableFile("无法识别文件编码，请另存为 UTF-8 编码的 CSV 或 XLSX") from None


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        return [(number, row) for number, row in enumerate(reader, start=1) if any(cell.strip() for cell in row)]
    except csv.Error:
        raise UnreadableFile("CSV 格式有误（引号不匹配等），无法读取") from None
