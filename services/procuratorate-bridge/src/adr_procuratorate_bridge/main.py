"""``adr-procuratorate-bridge api|worker|migrate|revision``."""

from adr_procuratorate_bridge.spec import SPEC
from adr_runtime.cli import run_cli


def main() -> None:
    """Runs the command named on the command line."""
    run_cli(SPEC)
