"""Importing the directory from a table: every row checked first, then all of it or nothing.

Rows are numbered as the spreadsheet numbers them (the header is row 1). A unit may take several
rows, one per liaison officer, as long as they agree on the unit itself.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from adr_intake.domain.directory import CODE_PATTERN, AgencyKind, AgencyLevel, AgencyUnit, Liaison, UnitFacts

MAX_ROWS = 5000
PHONE = re.compile(r"^[0-9+\- ]{5,20}$")
_CODE = re.compile(CODE_PATTERN)

# accepted headers (English as in wujiagang_directory.csv, or Chinese) -> field
HEADERS: Mapping[str, str] = {
    "code": "code",
    "代码": "code",
    "机关代码": "code",
    "name_zh": "name_zh",
    "名称": "name_zh",
    "机关名称": "name_zh",
    "kind": "kind",
    "类型": "kind",
    "level": "level",
    "层级": "level",
    "reconsideration_organ_zh": "reconsideration_organ_zh",
    "复议机关": "reconsideration_organ_zh",
    "source": "source",
    "source_url": "source",
    "来源": "source",
    "verified": "verified",
    "已核实": "verified",
    "是否核实": "verified",
    "liaison_name": "liaison_name",
    "联络员": "liaison_name",
    "联络员姓名": "liaison_name",
    "liaison_phone": "liaison_phone",
    "联络员电话": "liaison_phone",
    "liaison_post": "liaison_post",
    "联络员职务": "liaison_post",
}
REQUIRED = ("code", "name_zh", "kind", "level", "verified")
_YES, _NO = {"yes", "y", "true", "1", "是", "已核实"}, {"no", "n", "false", "0", "否", "待核实", ""}
_LIMITS = {"name_zh": 100, "reconsideration_organ_zh": 200, "source": 500, "liaison_name": 50, "liaison_post": 100}


@dataclass(frozen=True)
class RowError:
    """One problem: the row as the spreadsheet numbers it, the column, and what is wrong (Chinese)."""

    row: int
    field: str
    message: str


@dataclass(frozen=True)
class LiaisonRow:
    name: str
    phone: str | None
    post: str | None


@dataclass
class PlannedUnit:
    """A unit as the file describes it, with the liaisons of all its rows."""

    row: int
    facts: UnitFacts
    liaisons: list[LiaisonRow] = field(default_factory=list)


@dataclass
class ImportSummary:
    """What an import did (or, on a dry run, would do)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    liaisons_added: int = 0


def plan_import(
    header: Sequence[str], rows: Sequence[tuple[int, Sequence[str]]]
) -> tuple[dict[str, PlannedUnit], list[RowError]]:
    """Checks the whole table; the units it describes, or every problem found."""
    columns = [HEADERS.get(name.strip().lower(), "") for name in header]
    errors = [RowError(1, name, f"缺少必填列 {name}") for name in REQUIRED if name not in columns]
    if errors:
        return {}, errors
    if not rows:
        return {}, [RowError(1, "file", "文件中没有数据行")]
    if len(rows) > MAX_ROWS:
        return {}, [RowError(1, "file", f"数据行超过上限 {MAX_ROWS} 行，请分批导入")]
    units: dict[str, PlannedUnit] = {}
    for number, cells in rows:
        values = {col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(columns) if col}
        errors.extend(_add_row(units, number, values))
    return ({}, errors) if errors else (units, [])


def _add_row(units: dict[str, PlannedUnit], number: int, values: dict[str, str]) -> list[RowError]:
    errors = _row_errors(number, values)
    if errors:
        return errors
    code = values["code"]
    facts = _facts(values)
    liaison = _liaison(values)
    planned = units.setdefault(code, PlannedUnit(row=number, facts=facts))
    if planned.facts != facts:
        return [RowError(number, "code", f"与第 {planned.row} 行同一机关代码的机关信息不一致")]
    if liaison is not None:
        planned.liaisons.append(liaison)
    return []


def _row_errors(number: int, values: dict[str, str]) -> list[RowError]:
    problems: list[tuple[str, str]] = []
    for name in REQUIRED[:4]:
        if not values.get(name):
            problems.append((name, "必填"))
    code = values.get("code", "")
    if code and not _CODE.match(code):
        problems.append(("code", "格式不正确：应为大写字母、数字和连字符，如 WJG-SCJ"))
    problems.extend(_choice_problems(values))
    too_long = [(name, limit) for name, limit in _LIMITS.items() if len(values.get(name, "")) > limit]
    problems.extend((name, f"不能超过 {limit} 个字") for name, limit in too_long)
    if _verified(values.get("verified", "")) and not values.get("source"):
        problems.append(("source", "已核实的机关须注明来源"))
    problems.extend(_liaison_problems(values))
    return [RowError(number, name, message) for name, message in problems]


def _choice_problems(values: dict[str, str]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for name, choices in (("kind", AgencyKind), ("level", AgencyLevel)):
        value = values.get(name, "")
        if value and value not in {c.value for c in choices}:
            problems.append((name, "应为以下之一：" + "、".join(c.value for c in choices)))
    if _verified(values.get("verified", "")) is None:
        problems.append(("verified", "应为 yes 或 no（是/否）"))
    return problems


def _liaison_problems(values: dict[str, str]) -> list[tuple[str, str]]:
    phone = values.get("liaison_phone", "")
    problems: list[tuple[str, str]] = []
    if phone and not PHONE.match(phone):
        problems.append(("liaison_phone", "电话格式不正确"))
    if (phone or values.get("liaison_post")) and not values.get("liaison_name"):
        problems.append(("liaison_name", "填写了联络员电话或职务，但缺少联络员姓名"))
    return problems


def _verified(text: str) -> bool | None:
    value = text.strip().lower()
    return True if value in _YES else False if value in _NO else None


def _facts(values: dict[str, str]) -> UnitFacts:
    return UnitFacts(
        name_zh=values["name_zh"],
        kind=AgencyKind(values["kind"]),
        level=AgencyLevel(values["level"]),
        reconsideration_organ_zh=values.get("reconsideration_organ_zh", ""),
        verified=bool(_verified(values["verified"])),
        source=values.get("source", ""),
    )


def _liaison(values: dict[str, str]) -> LiaisonRow | None:
    name = values.get("liaison_name", "")
    if not name:
        return None
    return LiaisonRow(name=name, phone=values.get("liaison_phone") or None, post=values.get("liaison_post") or None)


def apply_import(
    planned: Mapping[str, PlannedUnit],
    existing: Mapping[str, AgencyUnit],
    *,
    only_new: bool,
    now: datetime,
    new_id: Callable[[], UUID],
) -> tuple[list[AgencyUnit], ImportSummary]:
    """Adds the new units and updates the others (or leaves them, with ``only_new``); returns the changed ones."""
    changed: list[AgencyUnit] = []
    summary = ImportSummary()
    for code, plan in planned.items():
        unit = existing.get(code)
        if unit is not None and only_new:
            summary.unchanged += 1
            continue
        if unit is None:
            liaisons = _new_liaisons(plan.liaisons, None, new_id)
            changed.append(AgencyUnit.add(code, plan.facts, liaisons=liaisons, now=now))
            summary.added += 1
        else:
            liaisons = _new_liaisons(plan.liaisons, unit, new_id)
            if not unit.update(plan.facts, new_liaisons=liaisons, now=now):
                summary.unchanged += 1
                continue
            changed.append(unit)
            summary.updated += 1
        summary.liaisons_added += len(liaisons)
    return changed, summary


def _new_liaisons(rows: list[LiaisonRow], unit: AgencyUnit | None, new_id: Callable[[], UUID]) -> tuple[Liaison, ...]:
    fresh: list[Liaison] = []
    for row in rows:
        if unit is not None and unit.has_liaison(row.name, row.phone):
            continue
        if any(f.name == row.name and f.phone == row.phone for f in fresh):
            continue
        fresh.append(Liaison(id=new_id(), name=row.name, phone=row.phone, post=row.post))
    return tuple(fresh)
