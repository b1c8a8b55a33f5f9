"""``adr-mediation api|worker|migrate``."""

from adr_mediation.spec import SPEC
from adr_runtime.cli import run_cli


def main() -> None:
    """Runs the command named on the command line."""
    run_cli(SPEC)
