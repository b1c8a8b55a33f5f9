"""The first worksheet of an XLSX file, read with the standard library (zipfile + ElementTree).

Only what a directory table needs: shared and inline strings, numbers and booleans as text.
Formulas give their cached value. Sizes are checked before anything is decompressed.
"""

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

MAX_UNPACKED_BYTES = 20_000_000
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


class UnreadableWorkbook(ValueError):
    """The file is not an XLSX workbook this reader understands (message in Chinese)."""


def read_first_sheet(content: bytes) -> list[tuple[int, list[str]]]:
    """Each non-empty row of the first worksheet: (row number, cell texts from column A)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            if sum(info.file_size for info in book.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableWorkbook("工作簿解压后过大")
            strings = _shared_strings(book)
            sheet = ElementTree.fromstring(book.read(_first_sheet_path(book)))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise UnreadableWorkbook("无法读取该 XLSX 文件（不是有效的 Excel 工作簿）") from None
    rows = (_row(r, strings, i + 1) for i, r in enumerate(sheet.iter(f"{_MAIN}row")))
    return [row for row in rows if any(row[1])]


def _first_sheet_path(book: zipfile.ZipFile) -> str:
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if first is None:
        raise UnreadableWorkbook("工作簿中没有工作表")
    rel_id = first.get(f"{_REL}id")
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    raise UnreadableWorkbook("工作簿结构不完整（找不到第一个工作表）")


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in item.iter(f"{_MAIN}t")) for item in root.iter(f"{_MAIN}si")]


def _row(row: ElementTree.Element, strings: list[str], position_number: int) -> tuple[int, list[str]]:
    cells: dict[int, str] = {}
    for position, cell in enumerate(row.iter(f"{_MAIN}c")):
        match = _CELL_REF.match(cell.get("r", ""))
        column = _column_index(match.group(1)) if match else position
        cells[column] = _cell_text(cell, strings)
    number = int(row.get("r") or position_number)
    width = max(cells, default=-1) + 1
    return number, [cells.get(i, "") for i in range(width)]


def _cell_text(cell: ElementTree.Element, strings: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
    value = cell.findtext(f"{_MAIN}v") or ""
    if kind == "s":
        index = int(value) if value.isdigit() else -1
        return strings[index] if 0 <= index < len(strings) else ""
    if kind == "b":
        return "yes" if value == "1" else "no"
    return _number_text(value) if kind == "n" else value


def _number_text(value: str) -> str:
    # a phone typed as a number is stored as 13800001234, 13800001234.0 or 1.3800001234E10
    try:
        number = float(value)
    except ValueError:
        return value
    if number.is_integer() and ("E" in value.upper() or "." in value):
        return str(int(number))
    return value


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - ord("A") + 1)
    return index - 1
