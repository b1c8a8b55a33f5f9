"""``make clauses``: the clause list and the pytest plugin that maps tests to clauses."""

import subprocess
import sys
from pathlib import Path

from adr_runtime.testing import clauses

ROOT = Path(__file__).resolve().parents[2]
CLAUSE_FILE = ROOT / "docs" / "clauses.csv"

A_TEST_FILE = '''
import pytest

pytestmark = pytest.mark.clause("M3")


@pytest.mark.clause("R2")
def test_routing():
    assert 1 + 1 == 2


def test_registration():
    assert "登记"
'''


def test_the_clause_list_holds_every_clause_of_the_work_plan_once() -> None:
    listed = clauses.load_clauses(CLAUSE_FILE)
    ids = [clause.id for clause in listed]

    assert len(ids) == len(set(ids)) == 45
    assert ids[:3] == ["O1", "O2", "O3"] and ids[-1] == "R4"
    assert all(clause.title and clause.owner for clause in listed)


def test_the_report_lists_tests_under_their_clauses_and_the_clauses_without_any() -> None:
    listed = clauses.load_clauses(CLAUSE_FILE)
    by_clause = clauses.tests_by_clause({"t.py::a": {"M3", "R2"}, "t.py::b": {"M3"}, "t.py::c": {"Z9"}})

    lines = clauses.report(listed, by_clause)

    m3 = lines.index(next(line for line in lines if line.startswith("M3 ")))
    assert lines[m3].endswith("2 test(s)") and lines[m3 + 1 : m3 + 3] == ["       t.py::a", "       t.py::b"]
    assert any(line.startswith("O1 ") and line.endswith("无测试 no test") for line in lines)
    assert "有测试 covered: 2/45" in lines
    assert any("unknown clause 'Z9'" in line for line in lines)
    assert clauses.unknown_ids(listed, by_clause) == {"Z9"}


def _collect(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_sample.py").write_text(source, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "--collect-only", "-qq", "-p", "no:cacheprovider",
               "-p", "adr_runtime.testing.clauses", "--clauses", "--clauses-file", str(CLAUSE_FILE)]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)


def test_the_plugin_reports_module_and_function_markers(tmp_path: Path) -> None:
    result = _collect(tmp_path, A_TEST_FILE)

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    r2 = next(i for i, line in enumerate(lines) if line.startswith("R2 "))
    assert lines[r2 + 1].strip() == "test_sample.py::test_routing"
    m3 = next(i for i, line in enumerate(lines) if line.startswith("M3 "))
    assert lines[m3].endswith("2 test(s)")
    assert "有测试 covered: 2/45" in lines


def test_the_plugin_fails_the_run_on_a_clause_id_not_in_the_list(tmp_path: Path) -> None:
    result = _collect(tmp_path, A_TEST_FILE.replace('"R2"', '"R22"'))

    assert result.returncode == 1
    assert "unknown clause 'R22' in: test_sample.py::test_routing" in result.stdout
