"""A drill that finds a defect still open (run by ``make drill``; its own platform, so it cannot spoil the others).

Intake's board follows whichever mediation event it handles last (``Dispute.move_to`` takes any stage).
When intake's worker is down while a mediation opens and then fails, both events wait in separate
consumers; on restart they are applied in either order, and the board may end at 调解中 (mediating)
while mediation says 调解不成 (failed): the consistency rule R3 breaks. Found by these drills; the fix
belongs to intake (refuse to move back from an outcome to ``mediating`` unless reopened).
"""

import os
from typing import Any

import pytest

from adr_runtime import consistency

pytestmark = [
    pytest.mark.drill,
    pytest.mark.e2e,
    pytest.mark.nats,
    pytest.mark.postgres,
    pytest.mark.integration,
    pytest.mark.timeout(600),
    pytest.mark.skipif(os.environ.get("DRILL_LONG", "") in ("", "0"), reason="make drill runs it (DRILL_LONG=1)"),
]

DISPUTES = int(os.environ.get("DRILL_DISPUTES", "6"))
SETTLE_SECONDS = 90.0


def test_intake_down_while_a_mediation_opens_and_fails(drill_platform: Any) -> None:
    """Passes when the race went the right way; xfails when the board went back (R3 only); fails otherwise."""
    platform = drill_platform.platform
    platform.kill("intake", "worker")
    drill_platform.figures.faults["kill -9"] += 1
    drill_platform.figures.processes_killed += 1
    try:
        cases = [drill_platform.register() for _ in range(DISPUTES)]
        for case_id in cases:
            drill_platform.fail_mediation(case_id, causal=False)
    finally:
        platform.respawn("intake", "worker")

    report = consistency.check_until(drill_platform.clients, SETTLE_SECONDS)
    rules = {d.rule for d in report.disagreements}
    if rules == {"R3"}:
        pytest.xfail(f"open defect reproduced (intake's board follows the last event handled):\n{report.summary()}")
    drill_platform.assert_consistent()
