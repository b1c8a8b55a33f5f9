"""A pytest plugin for ``make clauses``: which tests verify each clause of the work plan, and which none.

The clauses are listed in ``docs/clauses.csv`` (ID, section, clause, requirement, owner; copied
from the work plan's clause table); tests name the ones they verify with
``@pytest.mark.clause("M3", ...)``. Run::

    uv run pytest --collect-only -qq -p adr_runtime.testing.clauses --clauses

It prints every clause with the tests that carry it, then the clauses that no test carries yet.
A marker naming an ID that the list does not know makes the run fail.
"""

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

DEFAULT_FILE = "docs/clauses.csv"

_SEEN = pytest.StashKey[dict[str, set[str]]]()


@dataclass(frozen=True)
class Clause:
    """One clause of the work plan."""

    id: str
    section: str
    title: str
    owner: str


def load_clauses(path: Path) -> list[Clause]:
    """The clauses in the file's order.

    Args:
        path: a CSV file with the columns id, section, clause, requirement, owner.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Clause(id=row["id"].strip(), section=row["section"], title=row["clause"], owner=row["owner"])
            for row in csv.DictReader(handle)
            if row["id"].strip()
        ]


def clause_ids(item: pytest.Item) -> set[str]:
    """The clause IDs a test carries, from its own, its class's and its module's markers."""
    return {str(arg) for mark in item.iter_markers("clause") for arg in mark.args}


def tests_by_clause(seen: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Inverts {test node id: clause IDs} into {clause ID: sorted test node ids}."""
    result: dict[str, list[str]] = {}
    for node_id, ids in seen.items():
        for clause_id in ids:
            result.setdefault(clause_id, []).append(node_id)
    return {clause_id: sorted(nodes) for clause_id, nodes in result.items()}


def report(clauses: list[Clause], by_clause: Mapping[str, list[str]]) -> list[str]:
    """The lines ``make clauses`` prints."""
    known = {clause.id for clause in clauses}
    lines = [f"工作方案条款与测试 work-plan clauses and their tests ({len(clauses)} clauses)", ""]
    for clause in clauses:
        tests = by_clause.get(clause.id, [])
        count = f"{len(tests)} test(s)" if tests else "无测试 no test"
        lines.append(f"{clause.id:<4} {clause.title} [{clause.owner}]: {count}")
        lines.extend(f"       {node}" for node in tests)
    uncovered = [clause.id for clause in clauses if clause.id not in by_clause]
    lines += ["", f"有测试 covered: {len(clauses) - len(uncovered)}/{len(clauses)}"]
    lines.append(f"无测试 not covered ({len(uncovered)}): {', '.join(uncovered) or '-'}")
    for clause_id in sorted(set(by_clause) - known):
        lines.append(f"未知条款 unknown clause {clause_id!r} in: {', '.join(by_clause[clause_id])}")
    return lines


def unknown_ids(clauses: list[Clause], by_clause: Mapping[str, list[str]]) -> set[str]:
    """Clause IDs used by tests that the list does not know."""
    return set(by_clause) - {clause.id for clause in clauses}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("clauses", "work-plan clause coverage")
    group.addoption("--clauses", action="store_true", help="report which tests carry each work-plan clause")
    group.addoption("--clauses-file", default=DEFAULT_FILE, help=f"the clause list (default {DEFAULT_FILE})")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "clause(*ids): the work-plan clauses this test verifies")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("clauses"):
        config.stash[_SEEN] = {item.nodeid: clause_ids(item) for item in items}


def _clauses_of(config: pytest.Config) -> list[Clause]:
    path = Path(config.getoption("clauses_file"))
    return load_clauses(path if path.is_absolute() else config.rootpath / path)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if not config.getoption("clauses") or _SEEN not in config.stash or exitstatus != 0:
        return
    seen: dict[str, set[str]] = config.stash[_SEEN]
    if unknown_ids(_clauses_of(config), tests_by_clause(seen)):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if not config.getoption("clauses") or _SEEN not in config.stash:
        return
    seen: dict[str, set[str]] = config.stash[_SEEN]
    lines = report(_clauses_of(config), tests_by_clause(seen))
    terminalreporter.write_sep("=", "clauses")
    for line in lines:
        terminalreporter.write_line(line)
