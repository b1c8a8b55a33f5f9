"""``adr-contracts write|check``: the committed JSON Schemas and the AsyncAPI document.

``write`` regenerates ``schemas/<subject>.json`` (one per contract, stale files removed) and
``asyncapi.yaml``; ``check`` regenerates them in memory and exits 1, naming each file that
differs from the committed one, so that no contract change goes unreviewed.
"""

import argparse
import sys
from pathlib import Path

from adr_contracts import registry
from adr_contracts.asyncapi import build_asyncapi
from adr_contracts.schema_docs import schema_file_name, schema_text
from adr_contracts.yaml_text import to_yaml

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
"""libs/contracts (this file is libs/contracts/src/adr_contracts/export.py)."""

SCHEMAS_DIR = "schemas"
ASYNCAPI_FILE = "asyncapi.yaml"
OUT_OF_DATE = (
    "contracts: the committed files are not what the contracts generate. Run `make contracts` "
    "(adr-contracts write), then review the diff as a contract change and record it in CHANGELOG.md.\n"
)


def generated_files() -> dict[str, str]:
    """Every generated file's text, by its path relative to libs/contracts."""
    files = {f"{SCHEMAS_DIR}/{schema_file_name(c)}": schema_text(c) for c in registry.ALL}
    files[ASYNCAPI_FILE] = to_yaml(build_asyncapi())
    return dict(sorted(files.items()))


def stale_schema_files(root: Path, expected: dict[str, str]) -> list[str]:
    """Schema files on disk that no registered contract produces any more.

    Args:
        root: the libs/contracts folder.
        expected: the generated files, by relative path.
    """
    on_disk = sorted((root / SCHEMAS_DIR).glob("*.json"))
    return [f"{SCHEMAS_DIR}/{p.name}" for p in on_disk if f"{SCHEMAS_DIR}/{p.name}" not in expected]


def differences(root: Path) -> list[str]:
    """One line per generated file that is missing, changed or stale under ``root``.

    Args:
        root: the libs/contracts folder.
    """
    expected = generated_files()
    problems: list[str] = []
    for relative, text in expected.items():
        path = root / relative
        if not path.is_file():
            problems.append(f"{relative}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{relative}: differs from the generated text")
    problems.extend(
        f"{relative}: stale (no registered contract has this subject)"
        for relative in stale_schema_files(root, expected)
    )
    return problems


def write(root: Path) -> list[str]:
    """Writes every generated file under ``root`` and removes stale schemas; returns what changed.

    Args:
        root: the libs/contracts folder.
    """
    changed = differences(root)
    expected = generated_files()
    for relative in stale_schema_files(root, expected):
        (root / relative).unlink()
    for relative, text in expected.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return changed


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="adr-contracts", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["write", "check"])
    parser.add_argument("--root", type=Path, default=PACKAGE_ROOT, help="the libs/contracts folder")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Runs ``write`` or ``check``; returns the exit status (also used by the console script).

    Args:
        argv: the arguments after the program name (default: ``sys.argv[1:]``).
    """
    args = _arguments(argv)
    root: Path = args.root
    count = len(generated_files())
    if args.command == "write":
        for line in write(root):
            sys.stdout.write(f"rewrote {line}\n")
        sys.stdout.write(f"contracts: {count} generated files up to date in {root}\n")
        return 0
    problems = differences(root)
    if not problems:
        sys.stdout.write(f"contracts: all {count} generated files match the contracts ({root})\n")
        return 0
    for line in problems:
        sys.stderr.write(f"contracts: {line}\n")
    sys.stderr.write(OUT_OF_DATE)
    return 1
